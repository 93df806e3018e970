namespace MusicPlayer.Domain.Common;

/// <summary>
/// Bounded Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
/// transpositions of two neighbours, each costing one). Bounded: the answer is only exact up to the bound,
/// which lets the computation stop as soon as the bound cannot be met, and keeps it to a diagonal band.
/// </summary>
public static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/> when it is at most <paramref name="max"/>; otherwise -1.</summary>
    public static int Within(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) => Compute(a, b, max, prefix: false);

    /// <summary>
    /// The smallest distance between <paramref name="word"/> and a prefix of <paramref name="term"/> when it is at
    /// most <paramref name="max"/>, otherwise -1: how far a word being typed is from becoming the term.
    /// </summary>
    public static int PrefixWithin(ReadOnlySpan<char> word, ReadOnlySpan<char> term, int max) => Compute(word, term, max, prefix: true);

    private static int Compute(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max, bool prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (!prefix && Math.Abs(a.Length - b.Length) > max) return -1;
        if (prefix && b.Length < a.Length - max) return -1;
        if (a.Length == 0) return prefix ? 0 : b.Length;

        // Rows over a (the word); columns over b. Only a band of width 2*max+1 around the diagonal can stay within max.
        var columns = prefix ? Math.Min(b.Length, a.Length + max) : b.Length;
        const int Far = int.MaxValue / 2;
        Span<int> buffer = columns < 128 ? stackalloc int[3 * (columns + 1)] : new int[3 * (columns + 1)];
        var previous2 = buffer[..(columns + 1)];
        var previous = buffer.Slice(columns + 1, columns + 1);
        var current = buffer.Slice(2 * (columns + 1), columns + 1);
        for (var j = 0; j <= columns; j++) previous[j] = j <= max ? j : Far;

        var best = Far;
        for (var i = 1; i <= a.Length; i++)
        {
            current.Fill(Far);
            current[0] = i <= max ? i : Far;
            var rowMin = current[0];
            var from = Math.Max(1, i - max);
            var to = Math.Min(columns, i + max);
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                if (value < rowMin) rowMin = value;
            }

            // Early exit: every alignment passes through this row, and none of it is within the bound.
            if (rowMin > max) return -1;
            var rotated = previous2;
            previous2 = previous;
            previous = current;
            current = rotated;
        }

        if (prefix)
        {
            // Any prefix of b: the best cell of the last row (within the band).
            for (var j = Math.Max(0, a.Length - max); j <= columns; j++) best = Math.Min(best, previous[j]);
        }
        else
        {
            best = previous[columns];
        }
        return best <= max ? best : -1;
    }
}
