using System.Linq.Expressions;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// The search index over in-memory repositories: the documents are made by the same normaliser the database's
/// index is written with, and matched by <see cref="SearchMatch.IsMatchOf"/>.
/// </summary>
public sealed class InMemorySearchIndex(InMemoryRepository<Song>? songs = null, InMemoryRepository<Album>? albums = null) : ISearchIndex
{
    /// <summary>The list search (<c>q</c>) over these repositories.</summary>
    public static Application.Features.Catalog.CatalogSearch CatalogSearch(InMemoryRepository<Song>? songs = null, InMemoryRepository<Album>? albums = null)
    {
        var index = new InMemorySearchIndex(songs, albums);
        // No in-memory search index (no source to build it from): every list q is matched by this index.
        var memory = new Application.Features.Search.Memory.SearchMemory(null, new Application.Common.Caching.CatalogVersion(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Application.Features.Search.Memory.SearchMemory>.Instance);
        return new Application.Features.Catalog.CatalogSearch(new SearchPlanner(index), index, memory);
    }

    public static string DocumentOf(CatalogItem item) => item is Song song
        ? SearchText.Document([song.Title, song.Artist, .. song.Albums.Select(l => l.Album.Title)])
        : SearchText.Document(item.Title, item.Artist);

    public Expression<Func<T, bool>> Matching<T>(SearchMatch match) where T : CatalogItem =>
        match.Field == SearchField.Artist ? x => match.IsMatchOf(x.ArtistText) : x => match.IsMatchOf(DocumentOf(x));

    public Expression<Func<T, bool>> MatchingEachRow<T>(SearchMatch match) where T : CatalogItem => Matching<T>(match);

    public Task<int> CountUpToAsync<T>(SearchMatch match, int max, CancellationToken cancellationToken) where T : CatalogItem =>
        Task.FromResult(Math.Min(max, Items().OfType<T>().Count(Matching<T>(match).Compile())));

    public Expression<Func<T, bool>> KeyStartsWith<T>(IReadOnlyList<string> prefixes) where T : CatalogItem =>
        x => prefixes.Any(p => x.SearchKey.StartsWith(p, StringComparison.Ordinal));

    public Task<IReadOnlyList<string>> TermsAsync(int minLength, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Items()
            .SelectMany(i => DocumentOf(i).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length >= minLength).Distinct().ToList());

    public Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsAsync(SearchMatch? byName, CancellationToken cancellationToken) =>
        Spellings(i => byName is null || byName.IsMatchOf(i.ArtistText));

    public Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsByKeyAsync(IReadOnlyList<string> keyPrefixes, CancellationToken cancellationToken) =>
        Spellings(i => keyPrefixes.Any(p => i.ArtistKey.StartsWith(p, StringComparison.Ordinal)));

    private Task<IReadOnlyList<ArtistSpelling>> Spellings(Func<CatalogItem, bool> selects)
    {
        var allSongs = songs?.Items ?? [];
        var allAlbums = albums?.Items ?? [];
        var keys = allSongs.Cast<CatalogItem>().Concat(allAlbums).Where(selects).Select(i => i.ArtistKey).ToHashSet();
        var spellings = allSongs.Where(s => keys.Contains(s.ArtistKey)).Select(s => (s.ArtistKey, s.Artist))
            .Concat(allAlbums.Where(a => keys.Contains(a.ArtistKey)).Select(a => (a.ArtistKey, a.Artist))).Distinct()
            .Select(k => new ArtistSpelling(k.ArtistKey, k.Artist,
                allSongs.Count(s => s.ArtistKey == k.ArtistKey && s.Artist == k.Artist),
                allAlbums.Count(a => a.ArtistKey == k.ArtistKey && a.Artist == k.Artist),
                allSongs.Where(s => s.ArtistKey == k.ArtistKey && s.Artist == k.Artist).Sum(s => s.LikeCount),
                allSongs.Where(s => s.ArtistKey == k.ArtistKey && s.Artist == k.Artist).Sum(s => s.PlayCount)))
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtistSpelling>>(spellings);
    }

    private IEnumerable<CatalogItem> Items() => (songs?.Items ?? []).Cast<CatalogItem>().Concat(albums?.Items ?? []);
}
