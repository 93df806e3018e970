using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// Indexes the albums and songs stored before the search index existed (their document is still empty), in
/// batches, through the same save as every write (<see cref="SearchIndexMaintenance"/>). Runs at start-up after
/// the migrations; once every row has a document (an indexed one never has an empty one) it finds nothing to do.
/// </summary>
internal static class SearchIndexBackfill
{
    private const int BatchSize = 500;

    public static async Task RunAsync(MusicPlayerDbContext context, CancellationToken cancellationToken)
    {
        // Asked first as one plain statement over the partial indexes: a start with nothing to index (every start but
        // the first after the index came) then compiles no EF Core query.
        if (!await AnyUnindexedAsync(context.Database, cancellationToken)) return;
        await IndexAsync(context, context.Albums, cancellationToken);
        await IndexAsync(context, context.Songs, cancellationToken);
    }

    /// <summary>
    /// The next batch of rows without a document. Its filter is the one of <see cref="SearchIndexSql.UnindexedRowsIndex"/>
    /// (a constant, not a parameter, so the planner can match the partial index).
    /// </summary>
    internal static IQueryable<T> Unindexed<T>(IQueryable<T> items) where T : CatalogItem =>
        items.Where(x => EF.Property<string>(x, SearchIndexMaintenance.DocumentColumn) == "").OrderBy(x => x.Id).Take(BatchSize);

    /// <summary>Whether any album or song has no document yet, probing the partial indexes (<see cref="SearchIndexSql.UnindexedRowsIndex"/>) with their own filter.</summary>
    internal static async Task<bool> AnyUnindexedAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var filter = SearchIndexSql.UnindexedRowsFilter(database.IsSqlServer());
        var sql = "SELECT 1 WHERE " + string.Join(" OR ", SearchIndexSql.Tables.Select(table => $"EXISTS (SELECT 1 FROM \"{table}\" WHERE {filter})"));
        return await database.ReadAsync(sql, _ => { }, (reader, ct) => reader.ReadAsync(ct), cancellationToken);
    }

    private static async Task IndexAsync<T>(MusicPlayerDbContext context, DbSet<T> items, CancellationToken cancellationToken) where T : CatalogItem
    {
        while (true)
        {
            var batch = await Unindexed(items).ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            foreach (var item in batch)
            {
                item.RefreshSearchKeys();
                // As if renamed: the save computes the document.
                context.Entry(item).Property(x => x.Title).IsModified = true;
            }
            await context.SaveChangesAsync(cancellationToken);
            context.ChangeTracker.Clear();
        }
    }
}
