using System.Reflection;
using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>
/// Enforces the <see cref="AuthorizeAttribute"/> of a request before anything else looks at it,
/// so an unauthorized caller never reaches a validator or a handler.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Read once per request type.
    private static readonly AuthorizeAttribute? Rule = typeof(TRequest).GetCustomAttribute<AuthorizeAttribute>();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (Rule is null || Rule.Admits(currentUser)) return next();
        throw currentUser.UserId is null ? new UnauthenticatedException() : new ForbiddenException();
    }
}
