using System.Reflection;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// A repository over a list. Reads run the very specification the handler built, through
/// <see cref="Specification{T}.Apply"/> and <see cref="Specification{T,TResult}.Project"/> on
/// LINQ to objects; includes are ignored because the object graphs are already connected.
/// <see cref="Add"/> and <see cref="Remove"/> are pending until <see cref="SaveChangesAsync"/>,
/// which commits them and gives new entities the next id, as the database would.
/// </summary>
public sealed class InMemoryRepository<T> : IRepository<T> where T : class
{
    private static readonly PropertyInfo IdProperty = typeof(Entity).GetProperty(nameof(Entity.Id))!;

    private readonly List<T> _items = [];
    private readonly List<T> _added = [];
    private readonly List<T> _removed = [];
    private int _lastId;

    /// <summary>What the store holds: committed entities only.</summary>
    public IReadOnlyList<T> Items => _items;

    /// <summary>Stores entities as if they had been saved earlier (an entity without an id gets the next one).</summary>
    public InMemoryRepository<T> Seed(params T[] entities)
    {
        foreach (var entity in entities) Commit(entity);
        return this;
    }

    public Task<T?> FirstOrDefaultAsync(Specification<T> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(specification.Apply(_items.AsQueryable()).FirstOrDefault());
    }

    public Task<TResult?> FirstOrDefaultAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(specification.Project(_items.AsQueryable()).FirstOrDefault());
    }

    public Task<List<TResult>> ListAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(specification.Project(_items.AsQueryable()).ToList());
    }

    public Task<int> CountAsync(Specification<T> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(specification.Apply(_items.AsQueryable(), withPaging: false).Count());
    }

    public Task<bool> AnyAsync(Specification<T> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(specification.Apply(_items.AsQueryable(), withPaging: false).Any());
    }

    public void Add(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        _removed.Remove(entity);
        if (!_items.Contains(entity) && !_added.Contains(entity)) _added.Add(entity);
    }

    public void Remove(T entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (_added.Remove(entity)) return;
        if (_items.Contains(entity) && !_removed.Contains(entity)) _removed.Add(entity);
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var entity in _removed) _items.Remove(entity);
        foreach (var entity in _added) Commit(entity);
        _removed.Clear();
        _added.Clear();
        return Task.CompletedTask;
    }

    private void Commit(T entity)
    {
        if (entity is Entity e)
        {
            if (e.Id == 0) IdProperty.SetValue(e, ++_lastId);
            else if (_items.OfType<Entity>().Any(other => other.Id == e.Id))
                throw new InvalidOperationException($"{typeof(T).Name} {e.Id} is already stored.");
            else _lastId = Math.Max(_lastId, e.Id);
        }

        _items.Add(entity);
    }
}
