namespace MusicPlayer.Domain.Playlists;

/// <summary>
/// The order of a manual playlist's entries as sparse sort keys: entries sort by key (then id), and a client's
/// <c>position</c> is an entry's rank in that order, counted when read. Keys start <see cref="Gap"/> apart, so a
/// move or an insert writes only its own rows, with keys between its new neighbours (<see cref="Between"/>); when
/// no key fits there any more, the playlist's keys are renumbered to <see cref="Renumbered"/> (one set-based
/// statement) and the change is planned again, which then always fits.
/// </summary>
public static class PlaylistOrder
{
    /// <summary>
    /// The distance between renumbered keys: 16 halvings of one gap before it is exhausted, and room for a whole batch
    /// of <see cref="PlaylistLimits.MaxSongsPerAdd"/> in any gap of a renumbered playlist.
    /// </summary>
    public const int Gap = 1 << 16;

    /// <summary>Keys stay within ±<see cref="Bound"/> (32-bit keys; a renumbered playlist of the most entries ends at 10,000 gaps).</summary>
    public const int Bound = 1 << 30;

    /// <summary>The key of the entry at <paramref name="rank"/> (1-based) after a renumbering.</summary>
    public static int Renumbered(int rank) => rank * Gap;

    /// <summary>
    /// <paramref name="count"/> ascending keys strictly between <paramref name="before"/> and <paramref name="after"/>
    /// (null: no entry on that side), spread evenly; null when they do not fit (renumber first).
    /// </summary>
    public static int[]? Between(int? before, int? after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        // In 64 bits, so no sum overflows. A missing side extends one gap per key beyond the other (an empty playlist
        // starts where a renumbering would).
        var span = (long)Gap * (count + 1L);
        var low = before ?? (after is { } a ? a - span : 0L);
        var high = after ?? low + span;
        if (low < -Bound || high > Bound) return null;
        var step = (high - low) / (count + 1L);
        if (step < 1) return null;
        var keys = new int[count];
        for (var i = 0; i < count; i++) keys[i] = (int)(low + step * (i + 1));
        return keys;
    }
}
