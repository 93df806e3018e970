using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>Runs specifications against EF Core. Reads that only display data are not tracked.</summary>
internal sealed class EfRepository<T>(MusicPlayerDbContext context, ITransientFailureDetector transientFailures) : IRepository<T> where T : class
{
    private IQueryable<T> Source(Specification<T> specification)
    {
        IQueryable<T> query = context.Set<T>();
        foreach (var include in specification.Includes) query = query.Include(include.ToString());
        return specification.Tracked ? query : query.AsNoTracking();
    }

    public Task<T?> FirstOrDefaultAsync(Specification<T> specification, CancellationToken cancellationToken = default) =>
        specification.Apply(Source(specification)).FirstOrDefaultAsync(cancellationToken);

    public Task<TResult?> FirstOrDefaultAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        specification.Project(Source(specification)).FirstOrDefaultAsync(cancellationToken);

    public Task<List<TResult>> ListAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default) =>
        specification.Project(Source(specification)).ToListAsync(cancellationToken);

    public Task<int> CountAsync(Specification<T> specification, CancellationToken cancellationToken = default) =>
        specification.Apply(Source(specification), withPaging: false).CountAsync(cancellationToken);

    public Task<bool> AnyAsync(Specification<T> specification, CancellationToken cancellationToken = default) =>
        specification.Apply(Source(specification), withPaging: false).AnyAsync(cancellationToken);

    public void Add(T entity) => context.Set<T>().Add(entity);

    public void Remove(T entity) => context.Set<T>().Remove(entity);

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.All(e => e.State == EntityState.Deleted))
        {
            // Deleted at the same moment by someone else: the outcome the caller wanted, and what a
            // second delete after the first would hear.
            context.ChangeTracker.Clear();
            var entity = ex.Entries[0].Entity;
            throw new NotFoundException(entity.GetType().Name, (entity as Domain.Common.Entity)?.Id ?? 0);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrency token (a playlist's version) moved on between the read and this save.
            context.ChangeTracker.Clear();
            throw new PreconditionFailedException();
        }
        catch (DbUpdateException ex) when (!transientFailures.IsTransient(ex))
        {
            // A unique key, a foreign key or a concurrent delete got in the way between our checks and the write.
            context.ChangeTracker.Clear();
            throw new ConflictException("The change conflicts with a concurrent change; reload and try again.");
        }
    }
}
