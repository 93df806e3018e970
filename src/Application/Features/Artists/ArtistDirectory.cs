using MusicPlayer.Application.Common.Search;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Features.Artists;

/// <summary>Artists derived from songs and albums: matched by their name, counted over all of their items.</summary>
public sealed class ArtistDirectory(ISearchIndex index)
{
    /// <summary>One artist of the catalog, with what ranks and sorts it.</summary>
    public sealed record Artist(string Key, ArtistDto Dto, int Likes, int Plays);

    /// <summary>Every artist (null match) or those whose name <paramref name="match"/> matches, counted over all of their songs and albums.</summary>
    public async Task<IReadOnlyList<Artist>> FindAsync(SearchMatch? match, CancellationToken cancellationToken)
    {
        var spellings = await index.ArtistSpellingsAsync(match?.For(SearchField.Artist), cancellationToken);
        return Group(spellings);
    }

    /// <summary>
    /// The artists whose key starts with any of <paramref name="keyPrefixes"/> and whose name (any spelling) <paramref name="match"/>
    /// matches, counted over all of their songs and albums: read by key, so its work is bounded by those artists' items.
    /// </summary>
    public async Task<IReadOnlyList<Artist>> FindByKeyAsync(IReadOnlyList<string> keyPrefixes, SearchMatch match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var spellings = await index.ArtistSpellingsByKeyAsync(keyPrefixes, cancellationToken);
        var matched = spellings.Where(s => match.IsMatchOf(SearchText.Document(s.Name))).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return Group(spellings.Where(s => matched.Contains(s.Key)));
    }

    /// <summary>Spellings grouped into artists: the most used spelling names one, counted over all of them.</summary>
    public static List<Artist> Group(IEnumerable<ArtistSpelling> spellings) =>
        spellings.GroupBy(s => s.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var name = g.OrderByDescending(s => s.SongCount + s.AlbumCount).ThenBy(s => s.Name, StringComparer.Ordinal).First().Name;
                return new Artist(g.Key,
                    new ArtistDto { Name = name, SongCount = g.Sum(s => s.SongCount), AlbumCount = g.Sum(s => s.AlbumCount) },
                    g.Sum(s => s.Likes), g.Sum(s => s.Plays));
            })
            .ToList();

    /// <summary>Name order: the folded key, so case and accents do not move an artist; then the name itself.</summary>
    public static IOrderedEnumerable<Artist> ByName(IEnumerable<Artist> artists) =>
        artists.OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.Dto.Name, StringComparer.Ordinal);
}
