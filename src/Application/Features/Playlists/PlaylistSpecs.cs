using System.Linq.Expressions;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Playlists as <see cref="PlaylistRow"/>s: kept count and duration, the owner's name.</summary>
public abstract class PlaylistRowSpec : Specification<Playlist, PlaylistRow>
{
    // An expression, not Mapster: a positional record (see AlbumsOfSongSpec), and the owner's name through the navigation.
    private static readonly Expression<Func<Playlist, PlaylistRow>> Row = p => new PlaylistRow(
        p.Id, p.Name, p.Description, p.IsPublic, p.OwnerId, p.Owner.Username, p.SongCount,
        p.DurationSeconds, p.Version, p.Rules, p.CreatedAt, p.UpdatedAt);

    protected PlaylistRowSpec() : base(Row) { }
}

/// <summary>One playlist by id.</summary>
public sealed class PlaylistByIdSpec : PlaylistRowSpec
{
    public PlaylistByIdSpec(int id) => Where(p => p.Id == id);
}

/// <summary>One playlist's <see cref="PlaylistState"/>: its own row only.</summary>
public sealed class PlaylistStateSpec : Specification<Playlist, PlaylistState>
{
    public PlaylistStateSpec(int id) : base(p => new PlaylistState(p.Id, p.OwnerId, p.IsPublic, p.Version, p.SongCount, p.Rules)) =>
        Where(p => p.Id == id);
}

/// <summary>Who owns a playlist and whether it is public: all a write needs to decide whether the caller may.</summary>
public sealed class PlaylistAccessSpec : Specification<Playlist, Owned>
{
    public PlaylistAccessSpec(int id) : base(p => new Owned(p.OwnerId, p.IsPublic)) => Where(p => p.Id == id);
}

/// <summary>A user's playlists (for the per-user limit).</summary>
public sealed class PlaylistsOfOwnerSpec : Specification<Playlist>
{
    public PlaylistsOfOwnerSpec(int ownerId) => Where(p => p.OwnerId == ownerId);
}

/// <summary>The caller's playlists by name.</summary>
public sealed class MyPlaylistsSpec : PlaylistRowSpec
{
    public MyPlaylistsSpec(int ownerId, IPagedQuery page)
    {
        Where(p => p.OwnerId == ownerId);
        OrderBy(p => p.NormalizedName);
        OrderBy(p => p.Id);
        Page(page.Page, page.PageSize);
    }
}

/// <summary>Public playlists: name contains <c>q</c> (case-insensitive), by name, last change or size.</summary>
public sealed class PublicPlaylistsSpec : PlaylistRowSpec
{
    public static readonly IReadOnlyList<string> SortKeys = ["name", "-updatedAt", "-songCount"];

    public PublicPlaylistsSpec(ListPublicPlaylists.Query query)
    {
        Where(p => p.IsPublic);
        if (Text.Clean(query.Q) is { } q)
        {
            var folded = Text.Normalize(q);
            Where(p => p.NormalizedName.Contains(folded));
        }

        switch (query.Sort ?? "name")
        {
            case "-updatedAt":
                OrderBy(p => p.UpdatedAt, descending: true);
                OrderBy(p => p.Id, descending: true);
                break;
            case "-songCount":
                OrderBy(p => p.SongCount, descending: true);
                OrderBy(p => p.Id, descending: true);
                break;
            default:
                OrderBy(p => p.NormalizedName);
                OrderBy(p => p.Id);
                break;
        }
        Page(query.Page, query.PageSize);
    }
}

/// <summary>
/// A manual playlist's entries in playlist order (by sort key, then id). Positions are ranks, not stored: the
/// projection leaves them 0 and <see cref="Numbered"/> counts them from the page's offset.
/// </summary>
public sealed class PlaylistEntriesSpec : Specification<PlaylistEntry, PlaylistEntryDto>
{
    // The entry's fields around the song list's own projection of its song (a positional record: built by hand, see AlbumsOfSongSpec).
    private static readonly Expression<Func<PlaylistEntry, PlaylistEntryDto>> Entry = BuildEntry();

    public PlaylistEntriesSpec(int playlistId, IPagedQuery page) : base(Entry)
    {
        Where(e => e.PlaylistId == playlistId);
        OrderBy(e => e.SortKey);
        OrderBy(e => e.Id);
        Page(page.Page, page.PageSize);
    }

    /// <summary>The entry read at <paramref name="index"/> of this page, with its position in the playlist.</summary>
    public PlaylistEntryDto Numbered(PlaylistEntryDto entry, int index) => entry with { Position = (Skip ?? 0) + index + 1 };

    private static Expression<Func<PlaylistEntry, PlaylistEntryDto>> BuildEntry()
    {
        var song = Common.Mapping.Mappings.Projection<Song, SongDto>();
        var entry = Expression.Parameter(typeof(PlaylistEntry), "e");
        var constructor = typeof(PlaylistEntryDto).GetConstructors().Single();
        return Expression.Lambda<Func<PlaylistEntry, PlaylistEntryDto>>(Expression.New(constructor,
            Expression.Convert(Expression.Property(entry, nameof(PlaylistEntry.Id)), typeof(int?)),
            Expression.Constant(0),
            Expression.Convert(Expression.Property(entry, nameof(PlaylistEntry.AddedAt)), typeof(DateTime?)),
            ExpressionRewriter.Replace(song.Body, song.Parameters[0], Expression.Property(entry, nameof(PlaylistEntry.Song)))), entry);
    }
}

/// <summary>The songs with these ids, as lists show them (in no particular order).</summary>
public sealed class SongsByIdSpec : Specification<Song, SongDto>
{
    public SongsByIdSpec(IReadOnlyCollection<int> ids) => Where(s => ids.Contains(s.Id));
}

/// <summary>
/// A smart playlist's songs: the compiled rules as the filter, its sort (ending on the id; <c>random</c> is a
/// shuffle seeded per playlist version and day, so pages agree with each other), within its limit.
/// </summary>
public sealed class SmartSongsSpec<TResult> : Specification<Song, TResult>
{
    public SmartSongsSpec(SmartRuleSet rules, int ownerId, DateTime now, long seed, Expression<Func<Song, TResult>> selector,
        int skip, int take) : base(selector)
    {
        if (SmartRuleCompiler.Filter(rules, ownerId, now) is { } filter) Where(filter);
        var descending = rules.Sort.StartsWith('-');
        switch (rules.Sort.TrimStart('-'))
        {
            case "random":
                // A permutation of ids by a multiplicative hash (fits in 64 bits, the same on every database and in memory).
                OrderBy(s => ((long)s.Id * 48271L + seed) % 2147483647L);
                break;
            case "artist":
                OrderBy(s => s.NormalizedArtist, descending);
                OrderBy(s => s.NormalizedTitle, descending);
                break;
            case "createdAt":
                OrderBy(s => s.CreatedAt, descending);
                break;
            case "likeCount":
                OrderBy(s => s.LikeCount, descending);
                break;
            default:
                OrderBy(s => s.NormalizedTitle, descending);
                break;
        }
        OrderBy(s => s.Id, descending);
        Window(skip, Math.Max(0, Math.Min(take, rules.Limit - skip)));
    }
}
