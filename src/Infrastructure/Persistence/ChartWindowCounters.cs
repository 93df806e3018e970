using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Keeps the rolling chart windows (<see cref="ChartWindow"/>, <see cref="SongPlayWindow"/>) exact. A transaction that
/// adds or removes counted plays reads the windows' starts under a shared lock (<see cref="LockStartsAsync"/>) and
/// counts only the plays from each start on; moving a start (<see cref="MoveAsync"/>) takes the window's row
/// exclusively, so it waits for those transactions and they for it: every play is either counted before the start
/// moves and taken off with its hour, or counted against the new start. On SQLite the write gate and its one
/// writer at a time give the same order.
/// </summary>
internal sealed class ChartWindowCounters(MusicPlayerDbContext context, SqliteWriteGate gate)
{
    /// <summary>Each window's start (by its length in hours), locked against moving until the transaction ends.</summary>
    public async Task<IReadOnlyList<(int Hours, long StartHour)>> LockStartsAsync(CancellationToken cancellationToken)
    {
        var windows = context.Database.IsNpgsql()
            ? context.ChartWindows.FromSqlRaw("""SELECT * FROM "ChartWindows" FOR SHARE""")
            : context.Database.IsSqlServer()
                ? context.ChartWindows.FromSqlRaw("SELECT * FROM [ChartWindows] WITH (HOLDLOCK)")
                : context.ChartWindows;
        return (await windows.AsNoTracking().ToListAsync(cancellationToken)).ConvertAll(w => (w.Hours, w.StartHour));
    }

    /// <summary>Adds counted plays, given as (song, UTC hour, plays), to every window whose start they are not before.</summary>
    public Task AddAsync(IReadOnlyList<(int SongId, long Hour, int Plays)> counted, IReadOnlyList<(int Hours, long StartHour)> starts,
        CancellationToken cancellationToken)
    {
        var rows = starts
            .SelectMany(w => counted.Where(c => c.Hour >= w.StartHour).GroupBy(c => c.SongId)
                .Select(g => (w.Hours, SongId: g.Key, Plays: g.Sum(c => c.Plays))))
            .OrderBy(r => r.Hours).ThenBy(r => r.SongId)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"({r.Hours}, {r.SongId}, {r.Plays})"))
            .ToList();
        return rows.Count == 0 ? Task.CompletedTask : context.UpsertAddAsync("SongPlayWindows", ["Hours", "SongId"], ["Plays"], $"VALUES {string.Join(", ", rows)}", cancellationToken);
    }

    /// <summary>Takes a user's counted plays (about to be deleted) off every window they are in.</summary>
    public async Task RemoveUserAsync(int userId, IReadOnlyList<(int Hours, long StartHour)> starts, CancellationToken cancellationToken)
    {
        foreach (var (hours, start) in starts)
        {
            var fromMinute = start * 60;
            var inWindow = context.Plays.Where(p => p.UserId == userId && p.Counted && p.PlayedMinute >= fromMinute);
            await context.SongPlayWindows.Where(w => w.Hours == hours && inWindow.Any(p => p.SongId == w.SongId))
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Plays, w => w.Plays - inWindow.Count(p => p.SongId == w.SongId)), cancellationToken);
            await DropEmptyAsync(hours, cancellationToken);
        }
    }

    /// <summary>
    /// Moves the window of <paramref name="hours"/> to start at <paramref name="startHour"/>: the hours it leaves are
    /// taken off its counters (or, were the clock set back, the hours it regains are added). Does nothing when
    /// another request moved it there first.
    /// </summary>
    public Task MoveAsync(int hours, long startHour, CancellationToken cancellationToken) =>
        gate.RunAsync(context, () => context.InTransactionAsync(async () =>
        {
            var locked = context.Database.IsNpgsql()
                ? context.ChartWindows.FromSql($"""SELECT * FROM "ChartWindows" WHERE "Hours" = {hours} FOR UPDATE""")
                : context.Database.IsSqlServer()
                    ? context.ChartWindows.FromSql($"SELECT * FROM [ChartWindows] WITH (UPDLOCK, HOLDLOCK) WHERE [Hours] = {hours}")
                    : context.ChartWindows.Where(w => w.Hours == hours);
            var old = (await locked.AsNoTracking().ToListAsync(cancellationToken)).Single().StartHour;
            if (old == startHour) return 0;
            // The start moves first: that statement waits for every transaction still counting against the old one.
            await context.ChartWindows.Where(w => w.Hours == hours)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.StartHour, startHour), cancellationToken);
            if (startHour > old)
            {
                var leaving = context.SongPlayHours.Where(h => h.Hour >= old && h.Hour < startHour);
                await context.SongPlayWindows.Where(w => w.Hours == hours && leaving.Any(h => h.SongId == w.SongId))
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.Plays,
                        w => w.Plays - leaving.Where(h => h.SongId == w.SongId).Sum(h => h.Plays)), cancellationToken);
                await DropEmptyAsync(hours, cancellationToken);
            }
            else
            {
                await context.UpsertAddAsync("SongPlayWindows", ["Hours", "SongId"], ["Plays"], string.Create(CultureInfo.InvariantCulture,
                    $"""
                    SELECT {hours} AS "Hours", h."SongId", SUM(h."Plays") AS "Plays" FROM "SongPlayHours" h
                    WHERE h."Hour" >= {startHour} AND h."Hour" < {old} GROUP BY h."SongId"
                    """), cancellationToken);
            }
            return 0;
        }, cancellationToken), cancellationToken);

    /// <summary>Songs without plays in a window leave it, so its rows are exactly the songs on its chart.</summary>
    private Task<int> DropEmptyAsync(int hours, CancellationToken cancellationToken) =>
        context.SongPlayWindows.Where(w => w.Hours == hours && w.Plays <= 0).ExecuteDeleteAsync(cancellationToken);
}

internal static class CounterUpserts
{
    /// <summary>
    /// Adds the <paramref name="values"/> columns of <paramref name="rows"/> (a <c>VALUES</c> list or a <c>SELECT</c> of the
    /// key columns then the value columns) to <paramref name="table"/>'s rows with the same key, inserting the missing
    /// ones: one statement.
    /// </summary>
    public static Task<int> UpsertAddAsync(this DbContext context, string table, string[] keys, string[] values, string rows, CancellationToken cancellationToken)
    {
        static string List(IEnumerable<string> columns, string prefix = "") => string.Join(", ", columns.Select(c => $"{prefix}\"{c}\""));
        var all = List(keys.Concat(values));
        var sql = context.Database.IsSqlServer()
            ? $"""
               MERGE "{table}" WITH (HOLDLOCK) AS t
               USING ({rows}) AS v ({all}) ON {string.Join(" AND ", keys.Select(k => $"t.\"{k}\" = v.\"{k}\""))}
               WHEN MATCHED THEN UPDATE SET {string.Join(", ", values.Select(c => $"\"{c}\" = t.\"{c}\" + v.\"{c}\""))}
               WHEN NOT MATCHED THEN INSERT ({all}) VALUES ({List(keys.Concat(values), "v.")});
               """
            : $"""
               INSERT INTO "{table}" ({all}) {rows}
               ON CONFLICT ({List(keys)}) DO UPDATE SET {string.Join(", ", values.Select(c => $"\"{c}\" = \"{table}\".\"{c}\" + excluded.\"{c}\""))}
               """;
        // Built only from the callers' constant names and integers, never from input.
        return context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
