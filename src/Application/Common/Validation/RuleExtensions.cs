using FluentValidation;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Common.Validation;

/// <summary>The contract's field rules, written once for every validator.</summary>
public static class RuleExtensions
{
    /// <summary>
    /// Required after trimming, at most <paramref name="maxLength"/> characters once trimmed, no control or format
    /// characters (line breaks and tabs only when <paramref name="multiline"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiline = false) =>
        rule.Must(v => Text.Clean(v) is not null).WithMessage("'{PropertyName}' is required.")
            .OptionalText(maxLength, multiline);

    /// <summary>
    /// Optional; when present at most <paramref name="maxLength"/> characters once trimmed, and no control or
    /// format characters (<see cref="Text.HasForbiddenCharacters"/>; line breaks and tabs only when <paramref name="multiline"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiline = false) =>
        rule.Must(v => (Text.Clean(v)?.Length ?? 0) <= maxLength)
            .WithMessage($"'{{PropertyName}}' must be at most {maxLength} characters.")
            .Must(v => Text.Clean(v) is not { } text || !Text.HasForbiddenCharacters(text, multiline))
            .WithMessage(multiline
                ? "'{PropertyName}' must not contain control characters other than line breaks and tabs, nor invisible format characters."
                : "'{PropertyName}' must not contain control characters (including line breaks) nor invisible format characters.");

    /// <summary>Absolute http(s) URL when present.</summary>
    public static IRuleBuilderOptions<T, string?> HttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => Text.Clean(v) is not { } url || Text.IsHttpUrl(url))
            .WithMessage("'{PropertyName}' must be an absolute http(s) URL.");

    /// <summary>Page at least 1, page size 1..100: out of range is an error, never clamped.</summary>
    public static void PagingRules<T>(this AbstractValidator<T> validator) where T : IPagedQuery
    {
        validator.RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("'page' must be 1 or more.");
        validator.RuleFor(q => q.PageSize).InclusiveBetween(1, PagingLimits.MaxPageSize)
            .WithMessage($"'pageSize' must be between 1 and {PagingLimits.MaxPageSize}.");
    }

    /// <summary>One of the given sort keys when present.</summary>
    public static IRuleBuilderOptions<T, string?> SortKey<T>(this IRuleBuilder<T, string?> rule, IReadOnlyCollection<string> allowed) =>
        rule.Must(v => v is null || allowed.Contains(v))
            .WithMessage($"'sort' must be one of: {string.Join(", ", allowed)}.");
}
