using System.Reflection;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// A repository over a list. Reads run the very specification the handler built, through
/// <see cref="Specification{T}.Apply"/> and <see cref="Specification{T,TResult}.Project"/> on
/// LINQ to objects. <see cref="Add"/> and <see cref="Remove"/> are pending until
/// <see cref="SaveChangesAsync"/>, which commits them and gives new entities the next id, as the
/// database would.
/// <para>
/// It is as strict as EF Core where a handler could otherwise pass here and fail there: an entity
/// read without <see cref="Specification{T}.Tracked"/> that is changed makes the next save throw
/// (EF would silently store nothing), and an include must name navigations (EF throws for a
/// scalar) and is refused on a projection (EF ignores it there). The object graphs are already
/// connected, so included navigations need no loading.
/// </para>
/// </summary>
public sealed class InMemoryRepository<T> : IRepository<T> where T : class
{
    private static readonly PropertyInfo IdProperty = typeof(Entity).GetProperty(nameof(Entity.Id))!;

    private readonly List<T> _items = [];
    private readonly List<T> _added = [];
    private readonly List<T> _removed = [];
    private readonly Dictionary<T, string> _untracked = new(ReferenceEqualityComparer.Instance);
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
        EnsureNavigations(specification);
        var entity = specification.Apply(_items.AsQueryable()).FirstOrDefault();
        if (entity is not null) Track(entity, specification.Tracked);
        return Task.FromResult(entity);
    }

    public Task<TResult?> FirstOrDefaultAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureNoIncludes(specification);
        return Task.FromResult(specification.Project(_items.AsQueryable()).FirstOrDefault());
    }

    public Task<List<TResult>> ListAsync<TResult>(Specification<T, TResult> specification, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureNoIncludes(specification);
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
        foreach (var (entity, snapshot) in _untracked)
        {
            if (ObjectSnapshot.Of(entity) != snapshot)
                throw new InvalidOperationException(
                    $"A {typeof(T).Name} read without tracking was changed: EF Core would save nothing. Read it with a tracked specification.");
        }

        foreach (var entity in _removed) _items.Remove(entity);
        foreach (var entity in _added) Commit(entity);
        _removed.Clear();
        _added.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Remembers how an untracked read looked, so that a later change to it is caught; a tracked read may change.</summary>
    private void Track(T entity, bool tracked)
    {
        if (tracked) _untracked.Remove(entity);
        else _untracked.TryAdd(entity, ObjectSnapshot.Of(entity));
    }

    private static void EnsureNavigations(Specification<T> specification)
    {
        foreach (var include in specification.Includes)
        {
            if (include.Navigations.FirstOrDefault(p => !IsNavigation(p.PropertyType)) is { } scalar)
                throw new InvalidOperationException(
                    $"Include '{include}' of {specification.GetType().Name}: {scalar.Name} is not a navigation, and EF Core would throw.");
        }
    }

    private static void EnsureNoIncludes(Specification<T> specification)
    {
        if (specification.Includes.Count > 0)
            throw new InvalidOperationException(
                $"{specification.GetType().Name} projects and includes '{specification.Includes[0]}': EF Core ignores includes in projections.");
    }

    private static bool IsNavigation(Type type) =>
        !type.IsValueType && type != typeof(string) && type != typeof(byte[]);

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
