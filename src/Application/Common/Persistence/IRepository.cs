namespace MusicPlayer.Application.Common.Persistence;

/// <summary>Reads of <typeparamref name="T"/> through specifications.</summary>
public interface IReadRepository<T> where T : class
{
    Task<T?> FirstOrDefaultAsync(Specification<T> specification, CancellationToken cancellationToken = default);

    Task<TResult?> FirstOrDefaultAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default);

    Task<List<TResult>> ListAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default);

    /// <summary>Counts what the specification's filters match, ignoring its paging.</summary>
    Task<int> CountAsync(Specification<T> specification, CancellationToken cancellationToken = default);

    Task<bool> AnyAsync(Specification<T> specification, CancellationToken cancellationToken = default);
}

/// <summary>Reads and writes of an aggregate. Changes are stored by <see cref="SaveChangesAsync"/>.</summary>
public interface IRepository<T> : IReadRepository<T> where T : class
{
    void Add(T entity);

    void Remove(T entity);

    /// <summary>Stores every pending change made through this repository's unit of work.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}
