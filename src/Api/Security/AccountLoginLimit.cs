using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Api.Security;

/// <summary>
/// A fixed window per account on login, keyed by the normalized email of the request, whatever address
/// it comes from: many addresses guessing at one account share one counter. Unknown emails are limited
/// alike, so the limit reveals nothing about which accounts exist.
/// </summary>
internal sealed class AccountLoginLimit(FixedWindowRateLimiterOptions window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        email => RateLimitPartition.GetFixedWindowLimiter(email, _ => window));

    public TimeSpan Window => window.Window;

    public RateLimitLease Acquire(string email) => _limiter.AttemptAcquire(User.Normalize(email));

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Applies <see cref="AccountLoginLimit"/> to the action's <see cref="Login.Command"/>, once its body is read.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LimitPerAccountAttribute : Attribute, IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var email = context.ActionArguments.Values.OfType<Login.Command>().FirstOrDefault()?.Email;
        if (string.IsNullOrWhiteSpace(email))
        {
            await next(); // no account named: validation answers it
            return;
        }

        var limit = context.HttpContext.RequestServices.GetRequiredService<AccountLoginLimit>();
        using var lease = limit.Acquire(email);
        if (!lease.IsAcquired)
        {
            await RateLimitProblem.WriteAsync(context.HttpContext,
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window);
            context.Result = new EmptyResult();
            return;
        }

        await next();
    }
}
