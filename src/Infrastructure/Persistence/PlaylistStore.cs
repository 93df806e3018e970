using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Playlist writes as a few set-based statements in one transaction each. Every write to a playlist starts by
/// moving its version on (<c>UPDATE … SET Version = Version + 1 WHERE Id = @id [AND Version = @ifMatch]</c>): that
/// row lock makes writers of one playlist take turns, and a stale If-Match changes nothing. Entries then move by
/// range: inserting n at p shifts [p, end] by n, moving from a to b shifts the range between them by one in the
/// same statement that places the entry, removing closes the range after it. Locks are taken in one order, songs
/// (added or deleted) first, then playlists, then entries, so adds and song deletions never deadlock.
/// </summary>
internal sealed class PlaylistStore(MusicPlayerDbContext context, SqliteWriteGate gate) : IPlaylistStore
{
    public Task<int> CreateAsync(int ownerId, PlaylistDetails details, DateTime now, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            // The owner's row, locked: two creates of one user count one after the other.
            var owner = await context.Users.Where(u => u.Id == ownerId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.SessionVersion, u => u.SessionVersion), cancellationToken);
            if (owner == 0) throw new UnauthenticatedException("The account no longer exists.");
            if (await context.Playlists.CountAsync(p => p.OwnerId == ownerId, cancellationToken) >= PlaylistLimits.MaxPlaylistsPerUser)
                throw new DomainConflictException($"A user has at most {PlaylistLimits.MaxPlaylistsPerUser} playlists.");
            var playlist = Playlist.Create(ownerId, details, now);
            context.Playlists.Add(playlist);
            await context.SaveChangesAsync(cancellationToken);
            return playlist.Id;
        }, cancellationToken);

    public Task AddAsync(int playlistId, int? expectedVersion, IReadOnlyList<int> songIds, int? position, DateTime now,
        CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var wanted = songIds.Distinct().ToArray();
            var lengths = (await LockSongsAsync(wanted, cancellationToken)).ToDictionary(s => s.Id, s => s.Duration ?? 0);
            var missing = wanted.Where(id => !lengths.ContainsKey(id)).ToList();
            if (missing.Count > 0)
                throw RequestValidationException.For("songIds", $"No song has the id {string.Join(", ", missing)}; nothing was added.");
            // The songs are locked (PostgreSQL) or every writer waits its turn (SQLite): their durations hold until the commit.
            var seconds = songIds.Sum(id => (long)lengths[id]);

            var playlist = await LockAsync(playlistId, expectedVersion, now, cancellationToken);
            var count = songIds.Count;
            var at = playlist.PlanInsert(count, position);
            if (at <= playlist.SongCount)
                await Entries(playlistId).Where(e => e.Position >= at)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Position, e => e.Position + count), cancellationToken);
            context.PlaylistEntries.AddRange(songIds.Select((songId, i) => new PlaylistEntry(playlistId, songId, at + i, now)));
            await context.SaveChangesAsync(cancellationToken);
            await Row(playlistId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.SongCount, p => p.SongCount + count)
                .SetProperty(p => p.DurationSeconds, p => p.DurationSeconds + seconds), cancellationToken);
            return true;
        }, cancellationToken);

    public Task MoveAsync(int playlistId, int? expectedVersion, int entryId, int position, DateTime now, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var playlist = await LockAsync(playlistId, expectedVersion, now, cancellationToken);
            playlist.EnsureManual();
            var from = await PositionOfAsync(playlistId, entryId, cancellationToken);
            playlist.PlanMove(from, position);
            if (from == position) return true;
            var (low, high, shift) = from < position ? (from, position, -1) : (position, from, 1);
            // One statement: the entry takes its place, the entries between shift one step towards the place it left.
            await Entries(playlistId).Where(e => e.Position >= low && e.Position <= high)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Position, e => e.Id == entryId ? position : e.Position + shift), cancellationToken);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(int playlistId, int? expectedVersion, int entryId, DateTime now, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var playlist = await LockAsync(playlistId, expectedVersion, now, cancellationToken);
            playlist.EnsureManual();
            var removed = await Entries(playlistId).Where(e => e.Id == entryId)
                              .Select(e => new { e.Position, Seconds = (long)(e.Song.Duration ?? 0) }).SingleOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("Playlist entry", entryId);
            await Entries(playlistId).Where(e => e.Id == entryId).ExecuteDeleteAsync(cancellationToken);
            await Entries(playlistId).Where(e => e.Position > removed.Position)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Position, e => e.Position - 1), cancellationToken);
            await Row(playlistId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.SongCount, p => p.SongCount - 1)
                .SetProperty(p => p.DurationSeconds, p => p.DurationSeconds - removed.Seconds), cancellationToken);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(int playlistId, int? expectedVersion, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var target = Row(playlistId);
            if (expectedVersion is { } version) target = target.Where(p => p.Version == version);
            // The entries go with the row (foreign key with cascade).
            if (await target.ExecuteDeleteAsync(cancellationToken) == 0) await ThrowMissingOrStaleAsync(playlistId, cancellationToken);
            return true;
        }, cancellationToken);

    public async Task RemoveSongEverywhereAsync(int songId, DateTime now, CancellationToken cancellationToken)
    {
        // The song first (an add of it that has not committed finishes before, or fails after, this), then its playlists.
        if (context.Database.IsNpgsql())
            await context.Database.ExecuteSqlInterpolatedAsync($@"SELECT 1 FROM ""Songs"" WHERE ""Id"" = {songId} FOR UPDATE", cancellationToken);
        var seconds = await context.Songs.Where(s => s.Id == songId).Select(s => (long)(s.Duration ?? 0)).SingleOrDefaultAsync(cancellationToken);
        var holding = context.PlaylistEntries.Where(e => e.SongId == songId).Select(e => e.PlaylistId);
        var changed = await context.Playlists.Where(p => holding.Contains(p.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.SongCount, p => p.SongCount - context.PlaylistEntries.Count(e => e.PlaylistId == p.Id && e.SongId == songId))
            .SetProperty(p => p.DurationSeconds,
                p => p.DurationSeconds - seconds * context.PlaylistEntries.Count(e => e.PlaylistId == p.Id && e.SongId == songId))
            .SetProperty(p => p.Version, p => p.Version + 1)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (changed == 0) return;
        // Each entry moves up by the number of the song's entries before it in its playlist (those rows never change here).
        await context.PlaylistEntries.Where(e => holding.Contains(e.PlaylistId) && e.SongId != songId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Position, e => e.Position
                - context.PlaylistEntries.Count(d => d.PlaylistId == e.PlaylistId && d.SongId == songId && d.Position < e.Position)),
                cancellationToken);
        await context.PlaylistEntries.Where(e => e.SongId == songId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task SongDurationChangedAsync(int songId, DateTime now, CancellationToken cancellationToken)
    {
        // Locked first (versions moved on), summed in a second statement: on PostgreSQL that one sees every
        // duration committed until the locks were had, so two edits of songs of one playlist never lose one.
        var holding = context.PlaylistEntries.Where(e => e.SongId == songId).Select(e => e.PlaylistId);
        var affected = context.Playlists.Where(p => holding.Contains(p.Id));
        if (await affected.ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now),
                cancellationToken) == 0)
            return;
        await affected.ExecuteUpdateAsync(s => s.SetProperty(p => p.DurationSeconds,
            p => context.PlaylistEntries.Where(e => e.PlaylistId == p.Id).Sum(e => (long?)e.Song.Duration) ?? 0), cancellationToken);
    }

    /// <summary>Moves the version on (only from <paramref name="expectedVersion"/> when given), locking the row; the playlist as it now is.</summary>
    private async Task<Playlist> LockAsync(int playlistId, int? expectedVersion, DateTime now, CancellationToken cancellationToken)
    {
        var target = Row(playlistId);
        if (expectedVersion is { } version) target = target.Where(p => p.Version == version);
        var moved = await target.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Version, p => p.Version + 1)
            .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (moved == 0) await ThrowMissingOrStaleAsync(playlistId, cancellationToken);
        return await Row(playlistId).AsNoTracking().SingleAsync(cancellationToken);
    }

    private async Task ThrowMissingOrStaleAsync(int playlistId, CancellationToken cancellationToken)
    {
        if (await Row(playlistId).AnyAsync(cancellationToken)) throw new PreconditionFailedException();
        throw new NotFoundException("Playlist", playlistId);
    }

    private async Task<int> PositionOfAsync(int playlistId, int entryId, CancellationToken cancellationToken) =>
        await Entries(playlistId).Where(e => e.Id == entryId).Select(e => (int?)e.Position).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Playlist entry", entryId);

    /// <summary>
    /// The songs among <paramref name="ids"/> with their durations; on PostgreSQL share-locked until the commit, so none
    /// is deleted or changes its duration meanwhile.
    /// </summary>
    private async Task<List<SongLength>> LockSongsAsync(int[] ids, CancellationToken cancellationToken) =>
        context.Database.IsNpgsql()
            ? await context.Database.SqlQuery<SongLength>($@"SELECT ""Id"", ""Duration"" FROM ""Songs"" WHERE ""Id"" = ANY({ids}) FOR SHARE")
                .ToListAsync(cancellationToken)
            : await context.Songs.Where(s => ids.Contains(s.Id)).Select(s => new SongLength(s.Id, s.Duration)).ToListAsync(cancellationToken);

    private sealed record SongLength(int Id, int? Duration);

    private Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) =>
        gate.RunAsync(context, () => context.InTransactionAsync(() =>
        {
            context.ChangeTracker.Clear();
            return write();
        }, cancellationToken), cancellationToken);

    private IQueryable<Playlist> Row(int playlistId) => context.Playlists.Where(p => p.Id == playlistId);

    private IQueryable<PlaylistEntry> Entries(int playlistId) => context.PlaylistEntries.Where(e => e.PlaylistId == playlistId);
}
