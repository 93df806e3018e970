using System.Linq.Expressions;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>
/// Builds projections out of smaller ones while keeping them plain expression trees that EF Core
/// translates to SQL, so each response shape lists its fields once.
/// </summary>
public static class Projection
{
    /// <summary>
    /// <paramref name="baseShape"/>'s member bindings plus <paramref name="extra"/>'s, into <typeparamref name="TDerived"/>.
    /// Both must be object initialisers (<c>x => new Dto { ... }</c>).
    /// </summary>
    public static Expression<Func<TSource, TDerived>> Extend<TSource, TBase, TDerived>(
        Expression<Func<TSource, TBase>> baseShape, Expression<Func<TSource, TDerived>> extra)
        where TDerived : TBase
    {
        var parameter = extra.Parameters[0];
        var baseBindings = Bindings(Replace(baseShape.Body, baseShape.Parameters[0], parameter));
        var (create, extraBindings) = extra.Body switch
        {
            MemberInitExpression init => (init.NewExpression, init.Bindings),
            NewExpression plain => (plain, (IEnumerable<MemberBinding>)[]),
            _ => throw new ArgumentException("The extra shape must be an object initialiser.", nameof(extra)),
        };
        return Expression.Lambda<Func<TSource, TDerived>>(
            Expression.MemberInit(create, baseBindings.Concat(extraBindings)), parameter);
    }

    /// <summary><paramref name="shape"/> applied to the value <paramref name="path"/> reaches from another source.</summary>
    public static Expression<Func<TOuter, TResult>> Over<TOuter, TSource, TResult>(
        Expression<Func<TOuter, TSource>> path, Expression<Func<TSource, TResult>> shape) =>
        Expression.Lambda<Func<TOuter, TResult>>(Replace(shape.Body, shape.Parameters[0], path.Body), path.Parameters);

    private static IEnumerable<MemberBinding> Bindings(Expression body) => ((MemberInitExpression)body).Bindings;

    private static Expression Replace(Expression body, ParameterExpression from, Expression to) =>
        new Replacer(from, to).Visit(body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
