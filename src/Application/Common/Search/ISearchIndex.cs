using System.Linq.Expressions;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Common.Search;

/// <summary>
/// The search index of the catalog, kept by the database in the same transaction as every catalog write:
/// each album and song has an index document of its title, artist and (songs) album titles, and an artist
/// document of its artist alone, both made by <see cref="Domain.Common.SearchText"/>. The adapter turns a
/// <see cref="SearchMatch"/> into the database's own full-text or trigram condition.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// A condition on <typeparamref name="T"/> that holds when its document (or its artist document) has, for
    /// every word of <paramref name="match"/>, one of that word's terms, or a term that starts with one of its prefixes.
    /// </summary>
    Expression<Func<T, bool>> Matching<T>(SearchMatch match) where T : CatalogItem;

    /// <summary>
    /// The condition of <see cref="Matching{T}"/> tested on each row's document, without the index: for reading
    /// in another order (an index on popularity) and stopping at a limit, when many items match.
    /// </summary>
    Expression<Func<T, bool>> MatchingEachRow<T>(SearchMatch match) where T : CatalogItem;

    /// <summary>How many items <see cref="Matching{T}"/> selects, counting no further than <paramref name="max"/> (so reading at most that many index entries).</summary>
    Task<int> CountUpToAsync<T>(SearchMatch match, int max, CancellationToken cancellationToken) where T : CatalogItem;

    /// <summary>Items whose title key starts with any of <paramref name="prefixes"/>, in a form the database serves from its index on the key.</summary>
    Expression<Func<T, bool>> KeyStartsWith<T>(IReadOnlyList<string> prefixes) where T : CatalogItem;

    /// <summary>Every term of the index of at least <paramref name="minLength"/> characters (the candidates of typo matching).</summary>
    Task<IReadOnlyList<string>> TermsAsync(int minLength, CancellationToken cancellationToken);

    /// <summary>
    /// The artists whose name <paramref name="byName"/> matches (every artist when null), counted over all of their
    /// songs and albums: one row per spelling of each artist key, with how many items use it.
    /// </summary>
    Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsAsync(SearchMatch? byName, CancellationToken cancellationToken);

    /// <summary>
    /// The spellings of every artist whose key starts with any of <paramref name="keyPrefixes"/>, counted over all of their
    /// songs and albums: read in key order from the artist indexes, whatever their names match.
    /// </summary>
    Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsByKeyAsync(IReadOnlyList<string> keyPrefixes, CancellationToken cancellationToken);
}

/// <summary>Which document a search reads.</summary>
public enum SearchField
{
    /// <summary>Title, artist and (songs) album titles.</summary>
    Everything,

    /// <summary>The artist name alone.</summary>
    Artist,
}

/// <summary>What one query word accepts: any of these whole terms, or a term that starts with any of these prefixes.</summary>
public sealed record WordMatch(IReadOnlyList<string> Terms, IReadOnlyList<string> Prefixes);

/// <summary>Every word must be matched (in any order) in the field's document.</summary>
public sealed record SearchMatch(IReadOnlyList<WordMatch> Words, SearchField Field)
{
    public SearchMatch For(SearchField field) => this with { Field = field };

    /// <summary>The same test in C#, on a document as <see cref="Domain.Common.SearchText.Document"/> writes it.</summary>
    public bool IsMatchOf(string document) =>
        Words.All(w => w.Terms.Any(t => document.Contains($" {t} ", StringComparison.Ordinal))
                       || w.Prefixes.Any(p => document.Contains($" {p}", StringComparison.Ordinal)));
}

/// <summary>How many songs and albums of one artist key spell the name this way, and the likes and counted plays of those songs.</summary>
public sealed record ArtistSpelling(string Key, string Name, int SongCount, int AlbumCount, int Likes, int Plays);
