using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Whether the database lacks any of the app's migrations, read as one plain query of the history table. EF Core's
/// own <c>GetPendingMigrationsAsync</c> answers the same, but first builds a model of the history table (a tenth of a
/// second of a start-up that has nothing to apply); this asks only what the answer needs.
/// </summary>
internal static class AppliedMigrations
{
    /// <summary>True when a migration of the app is not in the history table, or there is no history table yet.</summary>
    public static async Task<bool> AnyPendingAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await AppliedIdsAsync(database, cancellationToken) is not { } applied || database.GetMigrations().Any(id => !applied.Contains(id));

    /// <summary>The ids in the history table; null when there is none (a new database: the first migration creates it).</summary>
    private static async Task<HashSet<string>?> AppliedIdsAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        try
        {
            return await database.ReadAsync($"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"", _ => { }, async (reader, ct) =>
            {
                var applied = new HashSet<string>(StringComparer.Ordinal);
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
                return applied;
            }, cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // No history table (SQLite: no such table; PostgreSQL: undefined table; SQL Server: invalid object name).
            return null;
        }
    }
}
