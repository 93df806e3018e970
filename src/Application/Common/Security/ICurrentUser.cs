namespace MusicPlayer.Application.Common.Security;

/// <summary>Who is sending the current request, as established by authentication.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id, or null for an anonymous caller.</summary>
    int? UserId { get; }

    /// <summary>
    /// The id of the signed-in caller, for handlers of requests declared <see cref="AuthorizeAttribute"/>
    /// (the authorization behaviour has already refused anonymous callers).
    /// </summary>
    int RequiredUserId => UserId ?? throw new Errors.UnauthenticatedException();

    bool IsInRole(string role);
}
