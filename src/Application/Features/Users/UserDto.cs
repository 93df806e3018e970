using System.Linq.Expressions;
using System.Text.Json.Serialization;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

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

    public static readonly Expression<Func<User, UserDto>> Projection = u => new UserDto
    {
        Id = u.Id,
        Username = u.Username,
        Email = u.Email,
        FirstName = u.FirstName,
        LastName = u.LastName,
        Role = u.Role,
        CreatedAt = u.CreatedAt,
        UpdatedAt = u.UpdatedAt,
    };

    public static readonly Func<User, UserDto> From = Projection.Compile();
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

public sealed class UserDtoSpec : Specification<User, UserDto>
{
    public UserDtoSpec(int id) : base(UserDto.Projection) => Where(u => u.Id == id);
}

/// <summary>The user with this email or username (compared case-insensitively), tracked for changes.</summary>
public sealed class UserByEmailSpec : Specification<User>
{
    public UserByEmailSpec(string email)
    {
        Tracked = true;
        var normalized = User.Normalize(email);
        Where(u => u.NormalizedEmail == normalized);
    }
}

/// <summary>Another user (not <paramref name="exceptId"/>) already has this username or email.</summary>
public sealed class UserTakenSpec : Specification<User>
{
    public UserTakenSpec(string? username, string? email, int exceptId = 0)
    {
        var name = username is null ? null : User.Normalize(username);
        var mail = email is null ? null : User.Normalize(email);
        Where(u => u.Id != exceptId && (u.NormalizedUsername == name || u.NormalizedEmail == mail));
    }
}

public sealed class AdminsSpec : Specification<User>
{
    public AdminsSpec() => Where(u => u.Role == Common.Security.Roles.Admin);
}

/// <summary>The account rules of the contract, shared by every slice that takes them.</summary>
public static class AccountRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public static IRuleBuilderOptions<T, string?> Password<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("'{PropertyName}' is required.")
            .Length(PasswordMinLength, PasswordMaxLength)
            .WithMessage($"'{{PropertyName}}' must be {PasswordMinLength} to {PasswordMaxLength} characters.")
            .Must(p => p is not null && p.Any(char.IsLetter) && p.Any(char.IsDigit))
            .WithMessage("'{PropertyName}' must contain at least one letter and one digit.");

    public static IRuleBuilderOptions<T, string?> Username<T>(this IRuleBuilder<T, string?> rule) =>
        rule.RequiredText(User.UsernameMaxLength)
            .Must(u => Text.Clean(u) is not { } v || (v.Length >= User.UsernameMinLength && v.All(IsUsernameChar)))
            .WithMessage($"'{{PropertyName}}' must be at least {User.UsernameMinLength} characters of letters, digits, '.', '_' or '-'.");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilder<T, string?> rule) =>
        rule.RequiredText(User.EmailMaxLength)
            .Must(e => Text.Clean(e) is not { } v || IsEmail(v))
            .WithMessage("'{PropertyName}' must be an email address.");

    public static void ProfileRules<T>(this AbstractValidator<T> validator,
        Expression<Func<T, string?>> firstName, Expression<Func<T, string?>> lastName)
    {
        validator.RuleFor(firstName).RequiredText(User.NameMaxLength);
        validator.RuleFor(lastName).OptionalText(User.NameMaxLength);
    }

    private static bool IsUsernameChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-';

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1
               && value[(at + 1)..].Contains('.') && !value.Any(char.IsWhiteSpace);
    }
}
