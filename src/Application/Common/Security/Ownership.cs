using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// A resource that belongs to one user (a playlist, a comment) and is either private to them or
/// public for everyone to read. Domain entities cannot implement this (the domain does not see the
/// application); a read model can, or a handler wraps the entity's two values in <see cref="Owned"/>.
/// </summary>
public interface IOwned
{
    int OwnerId { get; }

    bool IsPublic { get; }
}

/// <summary>An owner and a visibility, for a resource whose type cannot implement <see cref="IOwned"/> itself.</summary>
public readonly record struct Owned(int OwnerId, bool IsPublic) : IOwned;

/// <summary>
/// The one rule for "not yours", checked in handlers after the request's <see cref="AuthorizeAttribute"/>
/// has let the caller in and the resource has been found:
/// <list type="bullet">
/// <item>the owner may read and write;</item>
/// <item>anyone else gets <c>404</c> for a private resource, exactly as if it did not exist, so ids reveal nothing;</item>
/// <item>a public resource may be read by anyone, anonymous callers included; writing it is <c>403</c>
/// (<c>401</c> for an anonymous caller, who might be the owner once signed in);</item>
/// <item>admins are treated as the owner only where the use case says so (<c>adminsAllowed</c>).</item>
/// </list>
/// </summary>
public static class Ownership
{
    /// <summary>Throws <see cref="NotFoundException"/> unless the caller may see <paramref name="resource"/>.</summary>
    /// <param name="resourceName">Names the resource in the 404's message, as <see cref="NotFoundException"/> does everywhere.</param>
    /// <param name="key">The id the caller asked for.</param>
    public static void EnsureMayRead(this ICurrentUser caller, IOwned resource, string resourceName, object key,
        bool adminsAllowed = false)
    {
        if (!caller.MayRead(resource, adminsAllowed)) throw new NotFoundException(resourceName, key);
    }

    /// <summary>Whether the caller may see <paramref name="resource"/> (what <see cref="EnsureMayRead"/> checks).</summary>
    public static bool MayRead(this ICurrentUser caller, IOwned resource, bool adminsAllowed = false) =>
        resource.IsPublic || ActsAsOwner(caller, resource, adminsAllowed);

    /// <summary>
    /// Throws unless the caller may change <paramref name="resource"/>: <see cref="NotFoundException"/> for someone
    /// else's private resource, <see cref="ForbiddenException"/> (signed in) or <see cref="UnauthenticatedException"/>
    /// (anonymous) for someone else's public one.
    /// </summary>
    public static void EnsureMayWrite(this ICurrentUser caller, IOwned resource, string resourceName, object key,
        bool adminsAllowed = false)
    {
        if (ActsAsOwner(caller, resource, adminsAllowed)) return;
        if (!resource.IsPublic) throw new NotFoundException(resourceName, key);
        if (caller.UserId is null) throw new UnauthenticatedException();
        throw new ForbiddenException($"This {resourceName.ToLowerInvariant()} belongs to another user.");
    }

    private static bool ActsAsOwner(ICurrentUser caller, IOwned resource, bool adminsAllowed) =>
        (caller.UserId is { } id && id == resource.OwnerId)
        || (adminsAllowed && caller.UserId is not null && caller.IsInRole(Roles.Admin));
}
