using System.Text.Json.Serialization;

namespace MusicPlayer.Application.Features.Users;

/// <summary>A user's full profile, as the user and admins see it.</summary>
public sealed record UserDto
{
    public int Id { get; init; }
    public string Username { get; init; } = "";
    public string Email { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string? LastName { get; init; }
    public string Role { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>
/// A user as another user sees them. The user themself and admins also see
/// <see cref="Email"/>, <see cref="Role"/> and <see cref="UpdatedAt"/>; for others those are left out.
/// </summary>
public sealed record UserProfileDto
{
    public int Id { get; init; }
    public string Username { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string? LastName { get; init; }
    public DateTime CreatedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? UpdatedAt { get; init; }
}
