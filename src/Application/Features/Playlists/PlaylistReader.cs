using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// Reads playlists as clients see them. A manual playlist's totals are its kept count and the sum of its
/// entries' durations; a smart playlist's are those of its evaluated songs (the rules compiled and run in the
/// database for the owner, within the limit). Pages of songs are served again while they are still what the
/// database would say: a manual playlist's for its version and the catalog's (<see cref="ResultCache{TKey,TResult}"/>),
/// a smart playlist's for as long as the evaluation they are cut from (<see cref="SmartPlaylistResults"/>). The state a
/// read of songs starts from (access, version) comes from memory while no write can have changed it (<see cref="PlaylistStates"/>).
/// </summary>
public sealed class PlaylistReader(IReadRepository<Playlist> playlists, IReadRepository<PlaylistEntry> entries, IReadRepository<Song> songs,
    TimeProvider clock, SmartPlaylistResults results, ResultCache<PlaylistPageKey, PagedResult<PlaylistEntryDto>> pages, PlaylistStates states)
{
    /// <summary>The playlist's state, from memory while it is current (no access check: the caller decides with <see cref="Common.Security.Ownership"/>).</summary>
    public async Task<PlaylistState> StateAsync(int id, CancellationToken cancellationToken) =>
        await states.GetAsync(id, () => playlists.FirstOrDefaultAsync(new PlaylistStateSpec(id), cancellationToken))
        ?? throw new NotFoundException("Playlist", id);

    /// <summary>The playlist row (no access check: the caller decides with <see cref="Common.Security.Ownership"/>).</summary>
    public async Task<PlaylistRow> RowAsync(int id, CancellationToken cancellationToken) =>
        await playlists.FirstOrDefaultAsync(new PlaylistByIdSpec(id), cancellationToken) ?? throw new NotFoundException("Playlist", id);

    public async Task<PlaylistDto> ReadAsync(int id, CancellationToken cancellationToken) =>
        await ReadAsync(await RowAsync(id, cancellationToken), cancellationToken);

    public async Task<PagedResult<PlaylistDto>> PageAsync(PlaylistRowSpec spec, IPagedQuery query, CancellationToken cancellationToken)
    {
        var page = await playlists.PageAsync(spec, query, cancellationToken);
        var items = new List<PlaylistDto>(page.Items.Count);
        foreach (var row in page.Items) items.Add(await ReadAsync(row, cancellationToken));
        return new PagedResult<PlaylistDto>(items, page.Page, page.PageSize, page.TotalCount);
    }

    /// <summary>
    /// One page of the playlist's songs, without their URLs (those depend on the request): its entries at positions
    /// counted from the page's offset, or a smart playlist's evaluated songs, positions counted from 1 within its limit.
    /// </summary>
    public async Task<PagedResult<PlaylistEntryDto>> SongsAsync(PlaylistState row, IPagedQuery query, CancellationToken cancellationToken)
    {
        if (row.Rules is null)
            return await pages.GetAsync(new PlaylistPageKey(row.Id, row.Version, 0, query.Page, query.PageSize), async () =>
            {
                // The kept count is the total: no COUNT over the entries.
                var spec = new PlaylistEntriesSpec(row.Id, query);
                var items = spec.Skip < row.SongCount ? await entries.ListAsync(spec, cancellationToken) : [];
                return new PagedResult<PlaylistEntryDto>(items.Select(spec.Numbered).ToList(), query.Page, query.PageSize, row.SongCount);
            });

        var evaluation = await EvaluateAsync(row, cancellationToken);
        return await pages.GetAsync(new PlaylistPageKey(row.Id, row.Version, evaluation.Number, query.Page, query.PageSize), async () =>
        {
            var evaluated = evaluation.Songs;
            var skip = (int)Math.Min(((long)query.Page - 1) * query.PageSize, int.MaxValue);
            var ids = evaluated.Skip(skip).Take(query.PageSize).Select(s => s.Id).ToList();
            var found = ids.Count == 0 ? [] : await songs.ListAsync(new SongsByIdSpec(ids), cancellationToken);
            var byId = found.ToDictionary(s => s.Id);
            // A song deleted since the evaluation (on another instance) is left out of the page rather than failing it.
            var items = ids.Select((id, i) => (Position: skip + i + 1, Song: byId.GetValueOrDefault(id)))
                .Where(x => x.Song is not null)
                .Select(x => new PlaylistEntryDto(null, x.Position, null, x.Song!))
                .ToList();
            return new PagedResult<PlaylistEntryDto>(items, query.Page, query.PageSize, evaluated.Count);
        });
    }

    /// <summary>The smart playlist's songs in order, within its limit: the rules compiled and run in the database (or a fresh result of that).</summary>
    private Task<SmartEvaluation> EvaluateAsync(PlaylistState row, CancellationToken cancellationToken) =>
        results.GetAsync(row.Id, row.Version, async () =>
        {
            var rules = SmartRules.Load(row.Rules!);
            return await songs.ListAsync(Smart(row, rules, s => new SmartSong(s.Id, s.Duration), 0, rules.Limit), cancellationToken);
        });

    /// <summary>The playlist as clients see it, from its row (already read, e.g. for an access check).</summary>
    public async Task<PlaylistDto> ReadAsync(PlaylistRow row, CancellationToken cancellationToken)
    {
        var (count, duration) = (row.SongCount, row.DurationSeconds);
        if (row.Rules is not null)
        {
            var evaluated = (await EvaluateAsync(row.State, cancellationToken)).Songs;
            (count, duration) = (evaluated.Count, evaluated.Sum(s => (long)(s.Duration ?? 0)));
        }

        return new PlaylistDto
        {
            Id = row.Id,
            Name = row.Name,
            Description = row.Description,
            IsPublic = row.IsPublic,
            IsSmart = row.Rules is not null,
            Owner = new PlaylistOwnerDto(row.OwnerId, row.OwnerName),
            SongCount = count,
            DurationSeconds = duration,
            Version = row.Version,
            Rules = row.Rules is null ? null : SmartRules.FromJson(row.Rules),
            CreatedAt = row.CreatedAt,
            UpdatedAt = row.UpdatedAt,
        };
    }

    private SmartSongsSpec<TResult> Smart<TResult>(PlaylistState row, SmartRuleSet rules,
        System.Linq.Expressions.Expression<Func<Song, TResult>> selector, int skip, int take)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The shuffle of sort=random holds for a version of the playlist for a day, so its pages agree.
        var seed = ((long)row.Id * 7_919 + row.Version) * 104_729 % 2_147_483_647 + DateOnly.FromDateTime(now).DayNumber;
        return new SmartSongsSpec<TResult>(rules, row.OwnerId, now, seed, selector, skip, take);
    }
}

/// <summary>
/// A page of a playlist's songs as read at <paramref name="Version"/> of the playlist (and, for a smart playlist, from
/// evaluation number <paramref name="Evaluation"/>; 0 for a manual one).
/// </summary>
public readonly record struct PlaylistPageKey(int Id, int Version, long Evaluation, int Page, int PageSize);
