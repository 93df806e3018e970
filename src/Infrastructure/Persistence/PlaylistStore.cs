using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Playlist writes as a few statements in one transaction each. Every write to a playlist starts by moving its
/// version on (<c>UPDATE … SET Version = Version + 1 WHERE Id = @id [AND Version = @ifMatch]</c>): that row lock
/// makes writers of one playlist take turns, and a stale If-Match changes nothing. Entries are ordered by sparse
/// sort keys (<see cref="PlaylistOrder"/>): an insert or a move writes only its own rows, with keys between the
/// neighbours of the place it goes to (read from the (playlist, key) index, from whichever end is nearer); a
/// removal deletes its row and nothing else moves. Only when no key fits between the neighbours are the
/// playlist's keys renumbered, in one set-based statement. Locks are taken in one order, songs (added or
/// deleted) first, then playlists, then entries, so adds and song deletions never deadlock.
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
            var (before, after) = await NeighboursAsync(playlistId, at, playlist.SongCount, null, cancellationToken);
            var keys = PlaylistOrder.Between(before, after, count)
                       ?? await RenumberedKeysAsync(playlistId, at, playlist.SongCount, count, null, cancellationToken);
            context.PlaylistEntries.AddRange(songIds.Select((songId, i) => new PlaylistEntry(playlistId, songId, keys[i], now)));
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
            var key = await Entries(playlistId).Where(e => e.Id == entryId).Select(e => (int?)e.SortKey).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Playlist entry", entryId);
            playlist.PlanMove(position);
            // Placed among the other entries: the one row changes, nothing else shifts.
            var (before, after) = await NeighboursAsync(playlistId, position, playlist.SongCount - 1, entryId, cancellationToken);
            if ((before is null || before < key) && (after is null || key < after)) return true; // already there
            var keys = PlaylistOrder.Between(before, after, 1)
                       ?? await RenumberedKeysAsync(playlistId, position, playlist.SongCount - 1, 1, entryId, cancellationToken);
            await Entries(playlistId).Where(e => e.Id == entryId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SortKey, keys[0]), cancellationToken);
            return true;
        }, cancellationToken);

    public Task RemoveAsync(int playlistId, int? expectedVersion, int entryId, DateTime now, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            var playlist = await LockAsync(playlistId, expectedVersion, now, cancellationToken);
            playlist.EnsureManual();
            var removed = await Entries(playlistId).Where(e => e.Id == entryId)
                              .Select(e => new { Seconds = (long)(e.Song.Duration ?? 0) }).SingleOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("Playlist entry", entryId);
            // The entries after it move up one rank by themselves: their keys stay.
            await Entries(playlistId).Where(e => e.Id == entryId).ExecuteDeleteAsync(cancellationToken);
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
        // The other entries keep their keys: their ranks close up by themselves.
        if (changed > 0) await context.PlaylistEntries.Where(e => e.SongId == songId).ExecuteDeleteAsync(cancellationToken);
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

    /// <summary>
    /// When no keys fit between the neighbours of rank <paramref name="rank"/>: renumbers the playlist's keys, then
    /// <paramref name="count"/> keys at that rank among its <paramref name="others"/> entries (all but
    /// <paramref name="excluded"/>, the entry being moved). Renumbered neighbours are a whole gap apart: they fit.
    /// </summary>
    private async Task<int[]> RenumberedKeysAsync(int playlistId, int rank, int others, int count, int? excluded,
        CancellationToken cancellationToken)
    {
        await RenumberAsync(playlistId, cancellationToken);
        var (before, after) = await NeighboursAsync(playlistId, rank, others, excluded, cancellationToken);
        return PlaylistOrder.Between(before, after, count)
               ?? throw new InvalidOperationException($"No keys fit at rank {rank} of playlist {playlistId} after renumbering it.");
    }

    /// <summary>
    /// The keys of the entries that will be just before and just after an entry at <paramref name="rank"/> (1..others+1)
    /// among the <paramref name="others"/> entries other than <paramref name="excluded"/> (null: no entry on that side).
    /// The (playlist, key) index is read from the nearer end, so no read walks more than half of it.
    /// </summary>
    private async Task<(int? Before, int? After)> NeighboursAsync(int playlistId, int rank, int others, int? excluded,
        CancellationToken cancellationToken)
    {
        var entries = Entries(playlistId);
        if (excluded is { } id) entries = entries.Where(e => e.Id != id);
        if (rank - 1 <= others / 2)
        {
            // Ascending: the entries at ranks rank-1 and rank.
            var keys = await entries.OrderBy(e => e.SortKey).ThenBy(e => e.Id).Skip(Math.Max(rank - 2, 0)).Take(rank >= 2 ? 2 : 1)
                .Select(e => e.SortKey).ToListAsync(cancellationToken);
            return rank >= 2 ? (keys[0], keys.Count > 1 ? keys[1] : null) : (null, keys.Count > 0 ? keys[0] : null);
        }

        // Descending: the entries at ranks rank and rank-1, counted from the end.
        var last = await entries.OrderByDescending(e => e.SortKey).ThenByDescending(e => e.Id).Skip(Math.Max(others - rank, 0))
            .Take(rank <= others ? 2 : 1).Select(e => e.SortKey).ToListAsync(cancellationToken);
        return rank <= others ? (last[1], last[0]) : (last[0], null);
    }

    /// <summary>Gives the playlist's entries the keys of their ranks (<see cref="PlaylistOrder.Renumbered"/>), in one statement.</summary>
    private Task RenumberAsync(int playlistId, CancellationToken cancellationToken)
    {
        var gap = PlaylistOrder.Gap;
        return context.Database.IsSqlServer()
            ? context.Database.ExecuteSqlInterpolatedAsync($"""
                WITH [Ranked] AS (
                    SELECT [SortKey], ROW_NUMBER() OVER (ORDER BY [SortKey], [Id]) AS [Rank] FROM [PlaylistEntries] WHERE [PlaylistId] = {playlistId})
                UPDATE [Ranked] SET [SortKey] = [Rank] * {gap}
                """, cancellationToken)
            // SQLite (3.33 and later) and PostgreSQL share UPDATE … FROM.
            : context.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "PlaylistEntries" AS "Entry" SET "SortKey" = "Ranked"."Rank" * {gap}
                FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "SortKey", "Id") AS "Rank" FROM "PlaylistEntries" WHERE "PlaylistId" = {playlistId}) AS "Ranked"
                WHERE "Entry"."Id" = "Ranked"."Id"
                """, cancellationToken);
    }

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
