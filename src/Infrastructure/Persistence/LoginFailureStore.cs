using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// <see cref="User.TryReserveLoginAttempt"/> as one UPDATE in the database, so concurrent attempts are not
/// lost to read-modify-write: every SET sees the row as it was before this statement, and the WHERE
/// refuses a locked account in the same statement (one row changed = one attempt reserved). The numbers
/// are the domain's <see cref="LockoutPolicy"/>, passed as parameters.
/// </summary>
internal sealed class LoginFailureStore(MusicPlayerDbContext context) : ILoginFailureStore
{
    public async Task<bool> TryReserveLoginAttemptAsync(int userId, DateTime now, CancellationToken cancellationToken)
    {
        var maxFailures = LockoutPolicy.MaxFailedLogins;
        var steps = LockoutPolicy.Durations.Count;
        DateTime? nowOrNull = now;
        DateTime? forgetBefore = now - LockoutPolicy.ForgetAfter;
        var untils = new DateTime?[steps];
        for (var i = 0; i < steps; i++) untils[i] = now + LockoutPolicy.Durations[i];

        // LockoutPolicy.NextStep in SQL, and the lock that step gives.
        Expression<Func<User, int>> nextStep = u =>
            u.LockedUntil > forgetBefore ? (u.LockoutCount >= steps ? steps : u.LockoutCount + 1) : 1;
        var lockUntil = LockUntilOf(nextStep, untils);

        return await context.Users
            .Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= nowOrNull))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockedUntil, Locking(maxFailures, lockUntil, u => u.LockedUntil))
                .SetProperty(u => u.LockoutCount, Locking(maxFailures, nextStep, u => u.LockoutCount))
                .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= maxFailures ? 0 : u.FailedLoginCount + 1),
                cancellationToken) == 1;
    }

    public Task RecordSuccessfulLoginAsync(int userId, CancellationToken cancellationToken) =>
        context.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedLoginCount, 0)
            .SetProperty(u => u.LockedUntil, (DateTime?)null)
            .SetProperty(u => u.LockoutCount, 0), cancellationToken);

    /// <summary><c>untils[step - 1]</c> as a CASE over the step expression: the lock of each step of the policy.</summary>
    private static Expression<Func<User, DateTime?>> LockUntilOf(Expression<Func<User, int>> step, DateTime?[] untils)
    {
        // Array elements of a captured array: EF sends each as a parameter.
        Expression Until(int index) => Expression.ArrayIndex(Expression.Constant(untils), Expression.Constant(index));
        var body = Until(untils.Length - 1);
        for (var i = untils.Length - 2; i >= 0; i--)
            body = Expression.Condition(Expression.Equal(step.Body, Expression.Constant(i + 1)), Until(i), body);
        return Expression.Lambda<Func<User, DateTime?>>(body, step.Parameters);
    }

    /// <summary><paramref name="locked"/> when this attempt is the one that locks, else <paramref name="unchanged"/>.</summary>
    private static Expression<Func<User, T>> Locking<T>(int maxFailures, Expression<Func<User, T>> locked, Expression<Func<User, T>> unchanged)
    {
        var user = locked.Parameters[0];
        var count = Expression.Property(user, nameof(User.FailedLoginCount));
        var locks = Expression.GreaterThanOrEqual(Expression.Add(count, Expression.Constant(1)), Expression.Constant(maxFailures));
        var otherwise = new ParameterReplacer(unchanged.Parameters[0], user).Visit(unchanged.Body);
        return Expression.Lambda<Func<User, T>>(Expression.Condition(locks, locked.Body, otherwise), user);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
