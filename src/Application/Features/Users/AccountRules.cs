using System.Linq.Expressions;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

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
            .WithMessage($"'{{PropertyName}}' must be at least {User.UsernameMinLength} characters of ASCII letters, digits, '.', '_' or '-'.");

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

    // ASCII only: a username is an identity others see, and letters from other scripts or full-width
    // forms make look-alikes of existing names ("rооt" with Cyrillic о, "ｒｏｏｔ", dotless ı). Names
    // people display (firstName, lastName) take any letters.
    private static bool IsUsernameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1
               && value[(at + 1)..].Contains('.') && !value.Any(char.IsWhiteSpace);
    }
}
