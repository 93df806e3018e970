using System.Linq.Expressions;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>Puts one expression in place of a lambda's parameter, to compose projections and filters into one tree.</summary>
public static class ExpressionRewriter
{
    public static Expression Replace(Expression body, ParameterExpression parameter, Expression replacement) =>
        new Replacer(parameter, replacement).Visit(body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
