using System.Globalization;
using System.Text;

namespace MusicPlayer.Domain.Common;

/// <summary>
/// The one normaliser of search: the index is written with it and every query is read with it, so the
/// two can never disagree.
/// <list type="bullet">
/// <item>Case is folded (invariant lower case), accents are removed as Unicode decomposition (NFD) would, dropping the
/// combining marks (see SearchFoldTable), and the letters decomposition leaves alone are spelled out: ß→ss, æ→ae,
/// œ→oe, ø→o, ł→l, đ/ð→d, þ→th, ı→i.</item>
/// <item>Only letters and digits are kept. White space separates words; any other character (punctuation,
/// symbols) joins the pieces on either side of it into one word <em>and</em> also stands for a space.
/// So <c>AC/DC</c> is indexed as <c>acdc</c> and as <c>ac</c>, <c>dc</c>: the query <c>acdc</c> and the
/// query <c>ac dc</c> both find it. A query word is always the joined form (<c>ac/dc</c> reads <c>acdc</c>).</item>
/// <item>A <em>key</em> is the whole text with nothing but its letters and digits: what "exact" and "prefix"
/// compare, so spacing and punctuation never change a rank (<c>ac dc</c> is exactly <c>AC/DC</c>).</item>
/// </list>
/// </summary>
public static class SearchText
{
    /// <summary>The leading article that "exact" and "prefix" may skip: <c>beatles</c> is exactly <c>The Beatles</c>.</summary>
    public const string Article = "the";

    /// <summary>The folded form of every character of <paramref name="value"/>; characters that are neither letters nor digits become spaces.</summary>
    public static string Fold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Decomposed text (combining marks as separate characters) loses its marks below; precomposed letters
        // lose theirs through the table (string.Normalize does not decompose under invariant globalization).
        var folded = new StringBuilder(value.Length);
        foreach (var original in value.EnumerateRunes())
        {
            var rune = original.IsBmp ? new Rune(SearchFoldTable.Base(char.ToLowerInvariant((char)original.Value))) : original;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    continue;
                case UnicodeCategory.Format:
                    // Zero-width joiners and the like join what they sit between.
                    continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                folded.Append(' ');
                continue;
            }

            if (!Rune.IsLetterOrDigit(rune))
            {
                // Punctuation joins: marked with a character that cannot occur in a word.
                folded.Append('\u0001');
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            folded.Append(lower.Value switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'ł' => "l",
                'đ' or 'ð' => "d",
                'þ' => "th",
                'ı' => "i",
                'ħ' => "h",
                'ŧ' => "t",
                _ => lower.ToString(),
            });
        }
        return folded.ToString();
    }

    /// <summary>The words a query is made of, each in its joined form, in order (empty when it has none).</summary>
    public static IReadOnlyList<string> QueryWords(string query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.Replace("\u0001", "", StringComparison.Ordinal))
            .Where(word => word.Length > 0)
            .ToList();

    /// <summary>
    /// The terms a text is indexed under: every word in its joined form and, for a word that punctuation
    /// split, each of its pieces too. Distinct, in order of first appearance.
    /// </summary>
    public static IEnumerable<string> Terms(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var joined = token.Replace("\u0001", "", StringComparison.Ordinal);
            if (joined.Length > 0 && seen.Add(joined)) yield return joined;
            if (!token.Contains('\u0001', StringComparison.Ordinal)) continue;
            foreach (var piece in token.Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
                if (seen.Add(piece)) yield return piece;
        }
    }

    /// <summary>
    /// The index document of some texts: their terms, each once, separated and surrounded by single spaces
    /// (<c>" ac dc acdc "</c>), so that a word is always found as <c>" word "</c> and a prefix as <c>" pre"</c>.
    /// </summary>
    public static string Document(params string?[] texts)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var document = new StringBuilder(" ");
        foreach (var text in texts)
        {
            if (text is null) continue;
            foreach (var term in Terms(text))
                if (terms.Add(term)) document.Append(term).Append(' ');
        }
        return document.ToString();
    }

    /// <summary>The letters and digits of <paramref name="value"/>, folded, with nothing between them: what exact and prefix ranks compare.</summary>
    public static string Key(string value) =>
        string.Concat(Fold(value).Where(c => c is not (' ' or '\u0001')));

    /// <summary>How many typos a query word of this many letters forgives: none below 4 letters, one from 4, two from 8.</summary>
    public static int TypoBudget(int length) => length switch
    {
        >= 8 => 2,
        >= 4 => 1,
        _ => 0,
    };
}
