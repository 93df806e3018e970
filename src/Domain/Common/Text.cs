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

    /// <summary>
    /// True when <paramref name="value"/> holds a character no text field takes: an unpaired surrogate,
    /// a control character (Unicode Cc; line feed, carriage return and tab only when
    /// <paramref name="allowLineBreaks"/>), or an invisible format character (Unicode Cf: bidirectional
    /// overrides such as U+202E, the byte order mark, soft hyphens, zero-width spaces). The zero-width
    /// joiner and non-joiner, and emoji tag characters, are allowed: scripts and emoji sequences need them.
    /// </summary>
    public static bool HasForbiddenCharacters(string value, bool allowLineBreaks = false)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(rest, out var rune, out var length) != System.Buffers.OperationStatus.Done)
                return true;
            rest = rest[length..];
            switch (System.Text.Rune.GetUnicodeCategory(rune))
            {
                case System.Globalization.UnicodeCategory.Control when !(allowLineBreaks && rune.Value is '\n' or '\r' or '\t'):
                case System.Globalization.UnicodeCategory.Format when !IsJoinerOrTag(rune.Value):
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Text from a source that is not a form (a file's tags) made to pass the field rules instead of
    /// being refused: every character <see cref="HasForbiddenCharacters"/> refuses is removed, the rest
    /// trimmed and cut to <paramref name="maxLength"/> (never inside a surrogate pair); empty becomes null.
    /// </summary>
    public static string? Sanitize(string? value, int maxLength)
    {
        if (value is null) return null;
        var kept = new System.Text.StringBuilder(value.Length);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = System.Text.Rune.DecodeFromUtf16(rest, out var rune, out var length);
            rest = rest[length..];
            if (status != System.Buffers.OperationStatus.Done) continue;
            var category = System.Text.Rune.GetUnicodeCategory(rune);
            if (category == System.Globalization.UnicodeCategory.Control) continue;
            if (category == System.Globalization.UnicodeCategory.Format && !IsJoinerOrTag(rune.Value)) continue;
            kept.Append(rune.ToString());
        }
        var text = kept.ToString().Trim();
        if (text.Length > maxLength)
            text = text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)].TrimEnd();
        return text.Length == 0 ? null : text;
    }

    private static bool IsJoinerOrTag(int codePoint) => codePoint is 0x200C or 0x200D or (>= 0xE0020 and <= 0xE007F);

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
