using Microsoft.EntityFrameworkCore;
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
        await IndexAsync(context, context.Albums, cancellationToken);
        await IndexAsync(context, context.Songs, cancellationToken);
    }

    /// <summary>
    /// The next batch of rows without a document. Its filter is the one of <see cref="SearchIndexSql.UnindexedRowsIndex"/>
    /// (a constant, not a parameter, so the planner can match the partial index).
    /// </summary>
    internal static IQueryable<T> Unindexed<T>(IQueryable<T> items) where T : CatalogItem =>
        items.Where(x => EF.Property<string>(x, SearchIndexMaintenance.DocumentColumn) == "").OrderBy(x => x.Id).Take(BatchSize);

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
