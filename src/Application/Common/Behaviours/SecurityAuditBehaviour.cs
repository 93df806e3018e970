using System.Reflection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>
/// Logs the outcome of every request marked <see cref="SecurityEventAttribute"/>: the event, the acting
/// user (or, for a login, the user it signed in), the target user where the request names one (its
/// <c>Id</c>), and for a refusal the kind of refusal. Runs inside the authorization behaviour, so it sees
/// requests that were allowed to run; validation failures are refusals too.
/// </summary>
public sealed class SecurityAuditBehaviour<TRequest, TResponse>(ICurrentUser currentUser, ILogger<SecurityAuditBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string? Event = typeof(TRequest).GetCustomAttribute<SecurityEventAttribute>()?.Name;
    private static readonly PropertyInfo? TargetId = typeof(TRequest).GetProperty("Id", typeof(int));

    /// <summary>The event id every security log entry carries, for filtering and alerting.</summary>
    public static readonly EventId SecurityEventId = new(4000, "SecurityEvent");

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Event is null) return await next();

        var target = TargetId?.GetValue(request);
        try
        {
            var response = await next();
            var actor = currentUser.UserId ?? (response as Features.Auth.TokenResponse)?.UserId;
            logger.LogInformation(SecurityEventId, "Security event {SecurityEvent} succeeded: user {UserId}, target {TargetUserId}", Event, actor, target);
            return response;
        }
        catch (AppException ex)
        {
            logger.LogWarning(SecurityEventId, "Security event {SecurityEvent} refused ({Refusal}): user {UserId}, target {TargetUserId}",
                Event, ex.GetType().Name.Replace("Exception", ""), currentUser.UserId, target);
            throw;
        }
    }
}
