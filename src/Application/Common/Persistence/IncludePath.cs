using System.Linq.Expressions;
using System.Reflection;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>
/// A navigation path to load with an entity, written as an expression so that the compiler checks
/// it: <c>a =&gt; a.Songs</c>, or through a collection <c>a =&gt; a.Songs.Select(l =&gt; l.Song)</c>.
/// </summary>
public sealed class IncludePath
{
    private IncludePath(IReadOnlyList<PropertyInfo> navigations) => Navigations = navigations;

    /// <summary>The properties the path walks, from the root entity outwards.</summary>
    public IReadOnlyList<PropertyInfo> Navigations { get; }

    /// <summary>The dotted form EF Core's string <c>Include</c> takes ("Songs.Song").</summary>
    public override string ToString() => string.Join('.', Navigations.Select(p => p.Name));

    public static IncludePath From(LambdaExpression navigation)
    {
        var members = new List<PropertyInfo>();
        Walk(navigation.Body, members, navigation);
        return members.Count > 0
            ? new IncludePath(members)
            : throw new ArgumentException($"'{navigation}' names no navigation.", nameof(navigation));
    }

    private static void Walk(Expression expression, List<PropertyInfo> members, LambdaExpression whole)
    {
        switch (expression)
        {
            case ParameterExpression:
                return;
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert:
                Walk(convert.Operand, members, whole);
                return;
            case MemberExpression { Member: PropertyInfo property, Expression: { } owner }:
                Walk(owner, members, whole);
                members.Add(property);
                return;
            case MethodCallExpression { Method: { Name: nameof(Enumerable.Select), DeclaringType: var type }, Arguments: [var source, LambdaExpression step] }
                when type == typeof(Enumerable):
                Walk(source, members, whole);
                Walk(step.Body, members, whole);
                return;
            default:
                throw new ArgumentException(
                    $"'{whole}' is not a navigation path: use property access, and Select to step through a collection.",
                    nameof(whole));
        }
    }
}
