namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Marks a request whose outcome is a security event (a login, a refresh, a password or role change, a
/// deletion): <see cref="Behaviours.SecurityAuditBehaviour{TRequest,TResponse}"/> logs each one, succeeded or
/// refused, with who did it to whom; never the request's contents, so no password or token reaches a log.
/// The HTTP edge puts the client address in every log entry's scope.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SecurityEventAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
