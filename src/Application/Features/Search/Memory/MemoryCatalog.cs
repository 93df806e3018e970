using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Artists;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Search.Memory;

/// <summary>A song as the in-memory index holds it: what lists show, and its keys and documents as the database stores them.</summary>
public sealed record SongRow(SongDto Dto, string Key, string ArtistKey, string ArtistText, string Document);

/// <summary>An album as the in-memory index holds it.</summary>
public sealed record AlbumRow(AlbumDto Dto, string Key, string ArtistKey, string ArtistText, string Document);

/// <summary>A song's popularity as stored now.</summary>
public sealed record SongCounts(int Id, int Likes, int Plays);

/// <summary>
/// The catalog's songs, albums and artist spellings with their search documents, indexed by term: answers a search as
/// the database path does (same matching, same ranks, same ties), from memory. Not thread-safe: <see cref="SearchMemory"/>
/// guards it (many readers or one writer).
/// </summary>
internal sealed class MemoryCatalog
{
    private SongRow?[] _songs = [];
    private AlbumRow?[] _albums = [];
    private readonly TextIndex _songText = new();
    private readonly TextIndex _albumText = new();
    private readonly KeyOrder _songKeys = new();
    private readonly KeyOrder _albumKeys = new();

    // Songs' popularity by id, packed: ranking compares these for every match, without touching the rows.
    private int[] _likes = [];
    private int[] _plays = [];

    // Artists: one entry per spelling (artist key and name) with its items' counts, indexed by the name's document.
    private readonly TextIndex _spellingText = new();
    private readonly Dictionary<(string Key, string Name), Spelling> _spellings = [];
    private readonly Dictionary<string, List<Spelling>> _spellingsByKey = new(StringComparer.Ordinal);
    private readonly KeyOrder _spellingKeys = new();
    private readonly List<Spelling?> _spellingById = [];
    private readonly Stack<int> _freeSpellingIds = new();

    // Equal strings (artists, genres, keys) of different rows are held once.
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    private sealed class Spelling(int id, string key, string name, string document)
    {
        public int Id { get; } = id;
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string Document { get; } = document;
        public int Songs { get; set; }
        public int Albums { get; set; }
        public int Likes { get; set; }
        public int Plays { get; set; }
    }

    // The ticket of the read each row was last replaced from (see Apply); rows read by the build have the build's.
    private long[] _songTickets = [];
    private long[] _albumTickets = [];

    /// <param name="buildTicket">The ticket taken before the build read its rows.</param>
    public MemoryCatalog(long buildTicket = 0) => BuildTicket = buildTicket;

    private long BuildTicket { get; }

    public int SongCount { get; private set; }

    /// <summary>
    /// Replaces the songs and albums of these ids with <paramref name="rows"/> (an id without a row was deleted), unless a
    /// read with a later <paramref name="ticket"/> replaced one already. Tickets are taken after the write they follow has
    /// committed and before its rows are read, so the row of the highest ticket is the latest: reads run concurrently, and
    /// whichever applies last, the index keeps the latest row of each item.
    /// </summary>
    public void Apply(long ticket, IReadOnlyCollection<int> songIds, IReadOnlyCollection<int> albumIds,
        (IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums) rows)
    {
        var songs = rows.Songs.ToDictionary(r => r.Dto.Id);
        foreach (var id in songIds.Where(id => Claim(ref _songTickets, id, ticket)))
        {
            if (songs.TryGetValue(id, out var row)) SetSong(row);
            else RemoveSong(id);
        }
        var albums = rows.Albums.ToDictionary(r => r.Dto.Id);
        foreach (var id in albumIds.Where(id => Claim(ref _albumTickets, id, ticket)))
        {
            if (albums.TryGetValue(id, out var row)) SetAlbum(row);
            else RemoveAlbum(id);
        }
    }

    private bool Claim(ref long[] tickets, int id, long ticket)
    {
        if (id >= tickets.Length) Array.Resize(ref tickets, Math.Max(id + 1, tickets.Length * 2));
        if (ticket < Math.Max(tickets[id], BuildTicket)) return false;
        tickets[id] = ticket;
        return true;
    }

    public void SetSong(SongRow row)
    {
        var id = row.Dto.Id;
        RemoveSong(id);
        _songText.Set(id, row.Document);
        // The document lives on as the text index's terms; the rest is held once per distinct value.
        row = row with
        {
            Dto = row.Dto with { Artist = Shared(row.Dto.Artist), Genre = Shared(row.Dto.Genre) },
            ArtistKey = Shared(row.ArtistKey), ArtistText = Shared(row.ArtistText), Document = "",
        };
        Grow(ref _songs, id)[id] = row;
        SongCount++;
        _songKeys.Add(row.Key, id);
        SetPopularity(id, row.Dto.LikeCount, row.Dto.PlayCount);
        var spelling = SpellingOf(row.ArtistKey, row.Dto.Artist, row.ArtistText);
        spelling.Songs++;
        spelling.Likes += row.Dto.LikeCount;
        spelling.Plays += row.Dto.PlayCount;
    }

    public void RemoveSong(int id)
    {
        if (id >= _songs.Length || _songs[id] is not { } old) return;
        _songs[id] = null;
        SongCount--;
        _songText.Remove(id);
        _songKeys.Remove(old.Key, id);
        SetPopularity(id, 0, 0);
        var spelling = _spellings[(old.ArtistKey, old.Dto.Artist)];
        spelling.Songs--;
        spelling.Likes -= old.Dto.LikeCount;
        spelling.Plays -= old.Dto.PlayCount;
        Release(spelling);
    }

    public void SetAlbum(AlbumRow row)
    {
        var id = row.Dto.Id;
        RemoveAlbum(id);
        _albumText.Set(id, row.Document);
        row = row with
        {
            Dto = row.Dto with { Artist = Shared(row.Dto.Artist), Genre = Shared(row.Dto.Genre) },
            ArtistKey = Shared(row.ArtistKey), ArtistText = Shared(row.ArtistText), Document = "",
        };
        Grow(ref _albums, id)[id] = row;
        _albumKeys.Add(row.Key, id);
        SpellingOf(row.ArtistKey, row.Dto.Artist, row.ArtistText).Albums++;
    }

    public void RemoveAlbum(int id)
    {
        if (id >= _albums.Length || _albums[id] is not { } old) return;
        _albums[id] = null;
        _albumText.Remove(id);
        _albumKeys.Remove(old.Key, id);
        var spelling = _spellings[(old.ArtistKey, old.Dto.Artist)];
        spelling.Albums--;
        Release(spelling);
    }

    /// <summary>A song's like and play counts as stored now (its artist's popularity follows).</summary>
    public void SetCounts(SongCounts counts)
    {
        if (counts.Id >= _songs.Length || _songs[counts.Id] is not { } row) return;
        if (row.Dto.LikeCount == counts.Likes && row.Dto.PlayCount == counts.Plays) return;
        var spelling = _spellings[(row.ArtistKey, row.Dto.Artist)];
        spelling.Likes += counts.Likes - row.Dto.LikeCount;
        spelling.Plays += counts.Plays - row.Dto.PlayCount;
        _songs[counts.Id] = row with { Dto = row.Dto with { LikeCount = counts.Likes, PlayCount = counts.Plays } };
        SetPopularity(counts.Id, counts.Likes, counts.Plays);
    }

    /// <summary>The search of <see cref="Search.Handler"/>, answered from memory: the same matches, ranks and ties.</summary>
    public SearchResultDto Search(SearchPlan plan, IReadOnlySet<string> types, int limit)
    {
        SearchMatch? typos = null;
        var typosRead = false;
        SearchMatch? Typos()
        {
            if (!typosRead) (typos, typosRead) = (WithTypos(plan), true);
            return typos;
        }

        var (songs, exactSongs) = types.Contains(Features.Search.Search.Songs)
            ? Rank(_songText, _songKeys, id => _songs[id]!.Key, plan, limit, Typos, SongPopularity)
            : ([], -1);
        var (albums, exactAlbums) = types.Contains(Features.Search.Search.Albums)
            ? Rank(_albumText, _albumKeys, id => _albums[id]!.Key, plan, limit, Typos, static (a, b) => a.CompareTo(b))
            : ([], -1);
        var artists = types.Contains(Features.Search.Search.Artists) ? RankArtists(plan, limit, exactSongs == 0 && exactAlbums == 0, Typos) : [];
        return new SearchResultDto
        {
            Songs = songs.ConvertAll(id => _songs[id]!.Dto),
            Albums = albums.ConvertAll(id => _albums[id]!.Dto),
            Artists = artists,
        };
    }

    /// <summary>Songs by popularity: likes, then plays (both descending), then id.</summary>
    private int SongPopularity(int a, int b) =>
        _likes[a] != _likes[b] ? _likes[b].CompareTo(_likes[a]) : _plays[a] != _plays[b] ? _plays[b].CompareTo(_plays[a]) : a.CompareTo(b);

    private void SetPopularity(int id, int likes, int plays)
    {
        if (id >= _likes.Length)
        {
            Array.Resize(ref _likes, Math.Max(id + 1, _likes.Length * 2));
            Array.Resize(ref _plays, _likes.Length);
        }
        (_likes[id], _plays[id]) = (likes, plays);
    }

    /// <summary>
    /// What a list's <c>q</c> selects of songs (or albums): the match with typos, and how many items it holds.
    /// </summary>
    public (SearchMatch Match, int Count) Matching(SearchPlan plan, bool songs)
    {
        var match = WithTypos(plan) ?? plan.Exact;
        using var matches = (songs ? _songText : _albumText).Match(match);
        return (match, matches.Count());
    }

    /// <summary><see cref="SearchPlan.WithTyposAsync"/> on this index's vocabulary (null when no word is long enough for a typo).</summary>
    private SearchMatch? WithTypos(SearchPlan plan)
    {
        if (SearchPlanner.MinTypoTermLength(plan.Words) is not { } minLength) return null;
        // The vocabulary of every document, as the database's: the terms of songs' documents hold those of albums and
        // artists too, except the titles of albums without songs, so both are read.
        var terms = _songText.Terms.Concat(_albumText.Terms).Where(t => t.Length >= minLength).Distinct(StringComparer.Ordinal);
        return SearchPlanner.WithTypos(plan.Words, terms);
    }

    /// <summary>
    /// The ids of the best <paramref name="limit"/> items, as the database path ranks them: the exact match's items by rank
    /// (exact title, title starting with the query, other matches), each rank by <paramref name="popularity"/>; then, when
    /// they are fewer than the limit, the typo matches by popularity. Exact and prefix titles are read as a range of keys;
    /// the other matches by popularity first, their key read only for those that would make the list.
    /// </summary>
    private static (List<int> Found, int Exact) Rank(TextIndex text, KeyOrder keys, Func<int, string> keyOf, SearchPlan plan, int limit,
        Func<SearchMatch?> typos, Comparison<int> popularity)
    {
        string key = plan.Key, afterArticle = plan.KeyAfterArticle;
        var found = new List<int>(limit);
        using (var matches = text.Match(plan.Exact))
        {
            found.AddRange(Top(Starting(keys, key, afterArticle, exactly: true).Where(matches.Contains), limit, popularity));
            if (found.Count < limit)
            {
                var prefixTitles = Starting(keys, key, afterArticle, exactly: false).Where(id => matches.Contains(id) && !found.Contains(id));
                found.AddRange(Top(prefixTitles, limit - found.Count, popularity));
            }
            if (found.Count < limit)
            {
                // Every exact and prefix title that matches is in the list already: the rest are the titles that start otherwise.
                found.AddRange(Top(matches.Ids(), limit - found.Count, popularity, id => SearchRank.Of(keyOf(id), plan) == SearchRank.Words));
            }
        }
        var exact = found.Count;
        if (exact >= limit || typos() is not { } match) return (found, exact);

        var seen = found.ToHashSet();
        using (var matches = text.Match(match))
            found.AddRange(Top(matches.Ids(), limit - exact, popularity, id => !seen.Contains(id)));
        return (found, exact);
    }

    /// <summary>
    /// The first <paramref name="take"/> of <paramref name="items"/> by <paramref name="order"/>, keeping no more than that many at
    /// a time; <paramref name="admit"/> (when given) is asked only of an item that would make the list.
    /// </summary>
    private static List<int> Top(IEnumerable<int> items, int take, Comparison<int> order, Func<int, bool>? admit = null)
    {
        var top = new List<int>(take + 1);
        if (take <= 0) return top;
        var comparer = Comparer<int>.Create(order);
        foreach (var item in items)
        {
            if (top.Count == take && order(item, top[^1]) >= 0) continue;
            if (admit is not null && !admit(item)) continue;
            var at = top.BinarySearch(item, comparer);
            top.Insert(at < 0 ? ~at : at, item);
            if (top.Count > take) top.RemoveAt(take);
        }
        return top;
    }

    private List<ArtistDto> RankArtists(SearchPlan plan, int limit, bool noExactName, Func<SearchMatch?> typos)
    {
        List<ArtistDirectory.Artist> best = [];
        if (!noExactName)
        {
            // As the database path: exact and prefix names first (a key range); when they fill the limit, no other artist can come before them.
            var byKey = Starting(_spellingKeys, plan.Key, plan.KeyAfterArticle, exactly: false)
                .Select(id => _spellingById[id]!).Where(s => plan.Exact.IsMatchOf(s.Document)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            best = Features.Search.Search.Handler.Ranked(Artists(byKey), plan).Take(limit).ToList();
            if (best.Count < limit) best = Features.Search.Search.Handler.Ranked(ArtistsMatching(plan.Exact), plan).Take(limit).ToList();
        }
        if (best.Count >= limit || typos() is not { } match) return best.ConvertAll(a => a.Dto);

        var seen = best.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        var more = Features.Search.Search.Handler.ByPopularity(ArtistsMatching(match)).Where(a => !seen.Contains(a.Key));
        return [.. best.Select(a => a.Dto), .. more.Take(limit - best.Count).Select(a => a.Dto)];
    }

    /// <summary>The artists any of whose spellings <paramref name="match"/> matches, counted over all of their spellings.</summary>
    private List<ArtistDirectory.Artist> ArtistsMatching(SearchMatch match)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var matches = _spellingText.Match(match))
            foreach (var id in matches.Ids()) keys.Add(_spellingById[id]!.Key);
        return Artists(keys);
    }

    /// <summary>The artists of these keys, counted over all of their spellings.</summary>
    private List<ArtistDirectory.Artist> Artists(IEnumerable<string> keys) =>
        ArtistDirectory.Group(keys.SelectMany(k => _spellingsByKey[k]).Select(s => new ArtistSpelling(s.Key, s.Name, s.Songs, s.Albums, s.Likes, s.Plays)));

    /// <summary>
    /// The ids whose key equals (or, unless <paramref name="exactly"/>, starts with) <paramref name="key"/> or <paramref name="afterArticle"/>,
    /// each once: the second range lies within the first when the article form starts with the key itself (<c>t</c>, <c>th</c>, ...).
    /// </summary>
    private static IEnumerable<int> Starting(KeyOrder keys, string key, string afterArticle, bool exactly) =>
        !exactly && afterArticle.StartsWith(key, StringComparison.Ordinal) ? keys.Starting(key, exactly)
            : keys.Starting(key, exactly).Concat(keys.Starting(afterArticle, exactly));

    private Spelling SpellingOf(string key, string name, string document)
    {
        if (_spellings.TryGetValue((key, name), out var spelling)) return spelling;
        var id = _freeSpellingIds.Count > 0 ? _freeSpellingIds.Pop() : _spellingById.Count;
        spelling = new Spelling(id, key, name, document);
        if (id == _spellingById.Count) _spellingById.Add(spelling);
        else _spellingById[id] = spelling;
        _spellings[(key, name)] = spelling;
        if (!_spellingsByKey.TryGetValue(key, out var ofKey)) _spellingsByKey[key] = ofKey = [];
        ofKey.Add(spelling);
        _spellingText.Set(id, document);
        _spellingKeys.Add(key, id);
        return spelling;
    }

    private void Release(Spelling spelling)
    {
        if (spelling.Songs > 0 || spelling.Albums > 0) return;
        _spellings.Remove((spelling.Key, spelling.Name));
        var ofKey = _spellingsByKey[spelling.Key];
        ofKey.Remove(spelling);
        if (ofKey.Count == 0) _spellingsByKey.Remove(spelling.Key);
        _spellingText.Remove(spelling.Id);
        _spellingKeys.Remove(spelling.Key, spelling.Id);
        _spellingById[spelling.Id] = null;
        _freeSpellingIds.Push(spelling.Id);
    }

    private string Shared(string value)
    {
        if (_strings.TryGetValue(value, out var shared)) return shared;
        _strings[value] = value;
        return value;
    }

    private static T?[] Grow<T>(ref T?[] rows, int id) where T : class
    {
        if (id >= rows.Length) Array.Resize(ref rows, Math.Max(id + 1, rows.Length * 2));
        return rows;
    }
}
