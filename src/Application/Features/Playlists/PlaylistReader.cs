using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// Reads playlists as clients see them. A manual playlist's totals are its kept count and the sum of its
/// entries' durations; a smart playlist's are those of its evaluated songs (the rules compiled and run in the
/// database for the owner, within the limit).
/// </summary>
public sealed class PlaylistReader(IReadRepository<Playlist> playlists, IReadRepository<Song> songs, TimeProvider clock, ISongUrls urls)
{
    /// <summary>The playlist row (no access check: the caller decides with <see cref="Common.Security.Ownership"/>).</summary>
    public async Task<PlaylistRow> RowAsync(int id, CancellationToken cancellationToken) =>
        await playlists.FirstOrDefaultAsync(new PlaylistByIdSpec(id), cancellationToken) ?? throw new NotFoundException("Playlist", id);

    public async Task<PlaylistDto> ReadAsync(int id, CancellationToken cancellationToken) =>
        await ToDtoAsync(await RowAsync(id, cancellationToken), cancellationToken);

    public async Task<PagedResult<PlaylistDto>> PageAsync(PlaylistRowSpec spec, IPagedQuery query, CancellationToken cancellationToken)
    {
        var page = await playlists.PageAsync(spec, query, cancellationToken);
        var items = new List<PlaylistDto>(page.Items.Count);
        foreach (var row in page.Items) items.Add(await ToDtoAsync(row, cancellationToken));
        return new PagedResult<PlaylistDto>(items, page.Page, page.PageSize, page.TotalCount);
    }

    /// <summary>One page of a smart playlist's evaluated songs, positions counted from 1 within its limit.</summary>
    public async Task<PagedResult<PlaylistEntryDto>> SmartSongsAsync(PlaylistRow row, IPagedQuery query, CancellationToken cancellationToken)
    {
        var rules = SmartRules.Load(row.Rules!);
        var skip = (int)Math.Min(((long)query.Page - 1) * query.PageSize, int.MaxValue);
        var total = await songs.CountAsync(Smart<int>(row, rules, s => s.Id, 0, rules.Limit), cancellationToken);
        var items = skip < Math.Min(total, rules.Limit)
            ? await songs.ListAsync(Smart(row, rules, Common.Mapping.Mappings.Projection<Song, SongDto>(), skip, query.PageSize), cancellationToken)
            : [];
        return new PagedResult<PlaylistEntryDto>(
            items.Select((song, i) => new PlaylistEntryDto(null, skip + i + 1, null, song.WithUrls(urls))).ToList(),
            query.Page, query.PageSize, Math.Min(total, rules.Limit));
    }

    private async Task<PlaylistDto> ToDtoAsync(PlaylistRow row, CancellationToken cancellationToken)
    {
        var (count, duration) = (row.SongCount, row.DurationSeconds);
        if (row.Rules is { } json)
        {
            var rules = SmartRules.Load(json);
            var durations = await songs.ListAsync(Smart(row, rules, s => s.Duration, 0, rules.Limit), cancellationToken);
            (count, duration) = (durations.Count, durations.Sum(d => (long)(d ?? 0)));
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

    private SmartSongsSpec<TResult> Smart<TResult>(PlaylistRow row, SmartRuleSet rules,
        System.Linq.Expressions.Expression<Func<Song, TResult>> selector, int skip, int take)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The shuffle of sort=random holds for a version of the playlist for a day, so its pages agree.
        var seed = ((long)row.Id * 7_919 + row.Version) * 104_729 % 2_147_483_647 + DateOnly.FromDateTime(now).DayNumber;
        return new SmartSongsSpec<TResult>(rules, row.OwnerId, now, seed, selector, skip, take);
    }
}
