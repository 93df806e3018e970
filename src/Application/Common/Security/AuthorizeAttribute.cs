namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Declares on a request who may send it: any authenticated caller, or, with <see cref="Roles"/>,
/// only callers in one of the listed roles. Requests without it are public.
/// The authorization behaviour is the one place that enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    private IReadOnlyList<string>? _roleNames;

    /// <summary>Comma-separated roles, any of which suffices; empty means any authenticated caller.</summary>
    public string Roles { get; init; } = "";

    /// <summary><see cref="Roles"/> split at the commas and trimmed; empty means any authenticated caller.</summary>
    public IReadOnlyList<string> RoleNames => _roleNames ??=
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="user"/> may send the request: signed in, and in one of the roles when there are any.</summary>
    public bool Admits(ICurrentUser user) => user.UserId is not null && (RoleNames.Count == 0 || RoleNames.Any(user.IsInRole));
}
