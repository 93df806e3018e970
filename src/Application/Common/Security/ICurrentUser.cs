namespace MusicPlayer.Application.Common.Security;

/// <summary>Who is sending the current request, as established by authentication.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id, or null for an anonymous caller.</summary>
    int? UserId { get; }

    bool IsInRole(string role);
}
