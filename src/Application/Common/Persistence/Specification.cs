using System.Linq.Expressions;
using MusicPlayer.Application.Common.Mapping;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>
/// A named query over <typeparamref name="T"/>: filters, ordering, paging and the navigations
/// to load. <see cref="Apply"/> turns it into LINQ over any <see cref="IQueryable{T}"/>, so the
/// very same specification runs against EF Core and against the in-memory test fakes.
/// </summary>
public abstract class Specification<T> where T : class
{
    private readonly List<Expression<Func<T, bool>>> _criteria = [];
    private readonly List<(LambdaExpression Key, bool Descending)> _order = [];
    private readonly List<IncludePath> _includes = [];

    /// <summary>The navigations loaded with each entity (only with <see cref="Tracked"/> reads of whole entities).</summary>
    public IReadOnlyList<IncludePath> Includes => _includes;
    public int? Skip { get; private set; }
    public int? Take { get; private set; }

    /// <summary>
    /// True when the entities read are tracked, so that changes made to them are stored by the next
    /// save. False (the default) reads for display only: changes to what it returns are never saved,
    /// and the in-memory test repository refuses a save after such a change, as a reminder.
    /// </summary>
    public bool Tracked { get; protected init; }

    protected void Where(Expression<Func<T, bool>> criterion) => _criteria.Add(criterion);

    /// <summary>Adds an ordering key; the first call is the primary key of the sort.</summary>
    protected void OrderBy<TKey>(Expression<Func<T, TKey>> key, bool descending = false) => _order.Add((key, descending));

    /// <summary>
    /// Loads a navigation with the entity: <c>a =&gt; a.Songs</c>, or through a collection
    /// <c>a =&gt; a.Songs.Select(l =&gt; l.Song)</c>.
    /// </summary>
    protected void Include<TProperty>(Expression<Func<T, TProperty>> navigation) => _includes.Add(IncludePath.From(navigation));

    protected void Page(int page, int pageSize)
    {
        // In long and capped: a huge page number must read past the end (an empty page),
        // not wrap around to a negative offset that returns the first rows again.
        Skip = (int)Math.Min(((long)page - 1) * pageSize, int.MaxValue);
        Take = pageSize;
    }

    /// <summary>Reads <paramref name="take"/> rows after the first <paramref name="skip"/> (a page inside a larger window).</summary>
    protected void Window(int skip, int take)
    {
        Skip = skip;
        Take = take;
    }

    /// <summary>Filters and orders; pages unless <paramref name="withPaging"/> is false (for counting).</summary>
    public IQueryable<T> Apply(IQueryable<T> source, bool withPaging = true)
    {
        var query = _criteria.Aggregate(source, (q, c) => q.Where(c));
        if (!withPaging) return query;

        for (var i = 0; i < _order.Count; i++)
        {
            var (key, descending) = _order[i];
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            query = (IQueryable<T>)query.Provider.CreateQuery(Expression.Call(
                typeof(Queryable), method, [typeof(T), key.ReturnType], query.Expression, Expression.Quote(key)));
        }

        if (Skip is { } skip) query = query.Skip(skip);
        if (Take is { } take) query = query.Take(take);
        return query;
    }
}

/// <summary>A specification that also projects each entity to <typeparamref name="TResult"/> inside the query.</summary>
public abstract class Specification<T, TResult> : Specification<T> where T : class
{
    /// <summary>Projects by the application's Mapster mapping from <typeparamref name="T"/> to <typeparamref name="TResult"/>.</summary>
    protected Specification() : this(Mappings.Projection<T, TResult>()) { }

    /// <summary>Projects by a selector of the specification's own, for a shape a mapping cannot say.</summary>
    protected Specification(Expression<Func<T, TResult>> selector) => Selector = selector;

    public Expression<Func<T, TResult>> Selector { get; }

    public IQueryable<TResult> Project(IQueryable<T> source) => Apply(source).Select(Selector);
}
