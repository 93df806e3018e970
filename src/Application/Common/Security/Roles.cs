namespace MusicPlayer.Application.Common.Security;

/// <summary>The two roles of the service, as they appear in tokens and responses.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [User, Admin];
}
