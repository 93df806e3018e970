namespace MusicPlayer.Domain.Common;

/// <summary>
/// The text rules of the catalog: surrounding white space is trimmed, a string that is empty
/// after trimming is missing, and searches and exact filters compare a case-folded form.
/// </summary>
public static class Text
{
    /// <summary>Trims; white space only becomes null.</summary>
    public static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The case-folded form stored beside a searchable field. Folding in .NET rather than in SQL
    /// makes case-insensitive filters identical on every provider (SQLite's lower() only folds ASCII).
    /// </summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static string Required(string? value, string field, int maxLength)
    {
        var cleaned = Clean(value) ?? throw new DomainException(field, $"'{field}' is required.");
        return cleaned.Length <= maxLength
            ? cleaned
            : throw new DomainException(field, $"'{field}' must be at most {maxLength} characters.");
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        var cleaned = Clean(value);
        return cleaned is null || cleaned.Length <= maxLength
            ? cleaned
            : throw new DomainException(field, $"'{field}' must be at most {maxLength} characters.");
    }

    /// <summary>True for an absolute http or https URL.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string? OptionalUrl(string? value, string field, int maxLength)
    {
        var cleaned = Optional(value, field, maxLength);
        return cleaned is null || IsHttpUrl(cleaned)
            ? cleaned
            : throw new DomainException(field, $"'{field}' must be an absolute http(s) URL.");
    }
}
