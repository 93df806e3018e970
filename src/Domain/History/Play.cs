using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Domain.History;

/// <summary>
/// One time a user played a song, as their client reported it. <see cref="Counted"/> says whether it
/// counts towards the song's <see cref="Song.PlayCount"/>, charts and statistics (<see cref="PlayRules"/>).
/// Rows are written in batches by the play store, never one entity at a time.
/// </summary>
public sealed class Play
{
    private Play() { }

    public long Id { get; private set; }
    public int UserId { get; private set; }
    public int SongId { get; private set; }

    /// <summary>When the play started (UTC), as the client said.</summary>
    public DateTime PlayedAt { get; private set; }

    /// <summary>
    /// <see cref="PlayedAt"/> as whole minutes since the Unix epoch: the databases group by it with plain
    /// integer arithmetic (per local day in any time zone, per hour for the chart aggregate), the same on each of them.
    /// </summary>
    public long PlayedMinute { get; private set; }

    public int SecondsPlayed { get; private set; }
    public bool Counted { get; private set; }

    /// <summary>The client's idempotency key, unique per user: a retried play with the same key is recorded once.</summary>
    public string? ClientPlayId { get; private set; }

    public Song Song { get; private set; } = null!;
}

/// <summary>
/// Plays of one song in one UTC hour (counted plays only): the aggregate that charts read, kept in the
/// same transaction as the play rows, so a chart over millions of plays reads a few thousand rows.
/// </summary>
public sealed class SongPlayHour
{
    private SongPlayHour() { }

    public int SongId { get; private set; }

    /// <summary>Whole hours since the Unix epoch (UTC): <see cref="Play.PlayedMinute"/> / 60.</summary>
    public long Hour { get; private set; }

    public int Plays { get; private set; }
}

/// <summary>
/// One user's plays in one UTC hour: counted plays and seconds of all plays, kept in the same transaction as the play
/// rows (and taken off when a song goes). A user's per-day series in a zone whose offset is whole hours sums these
/// (at most 24 rows a day) instead of reading every play.
/// </summary>
public sealed class UserPlayHour
{
    private UserPlayHour() { }

    public int UserId { get; private set; }

    /// <summary>Whole hours since the Unix epoch (UTC): <see cref="Play.PlayedMinute"/> / 60.</summary>
    public long Hour { get; private set; }

    /// <summary>Counted plays.</summary>
    public int Plays { get; private set; }

    /// <summary>Seconds played, over all plays.</summary>
    public long Seconds { get; private set; }
}

/// <summary>
/// A rolling chart window (the last 24, 168 or 720 hours): counted plays from the UTC hour
/// <see cref="StartHour"/> on are in its <see cref="SongPlayWindow"/> counters. Plays move the counters in
/// their own transaction; when the clock passes an hour the start moves on and the hours it leaves are
/// taken off, so a chart reads one sorted row per song instead of summing hours.
/// </summary>
public sealed class ChartWindow
{
    private ChartWindow() { }

    /// <summary>The period's length in hours; the window's id.</summary>
    public int Hours { get; private set; }

    /// <summary>The first UTC hour (hours since the Unix epoch) the window's counters hold.</summary>
    public long StartHour { get; private set; }

    /// <summary>The start a window of <paramref name="hours"/> has during the UTC hour <paramref name="currentHour"/>.</summary>
    public static long StartAt(long currentHour, int hours) => currentHour - hours;
}

/// <summary>Counted plays of one song in a <see cref="ChartWindow"/>; songs without plays there have no row.</summary>
public sealed class SongPlayWindow
{
    private SongPlayWindow() { }

    /// <summary>The <see cref="ChartWindow.Hours"/> of the window.</summary>
    public int Hours { get; private set; }

    public int SongId { get; private set; }

    public int Plays { get; private set; }
}

/// <summary>The rules every recorded play follows.</summary>
public static class PlayRules
{
    public const int MaxBatch = 500;
    public const int MaxSecondsPlayed = 86_400;
    public const int ClientPlayIdMaxLength = 64;

    /// <summary>A song without a known duration counts after this many seconds.</summary>
    public const int SecondsWithoutDuration = 30;

    /// <summary>No song needs more than this many seconds to count.</summary>
    public const int MaxSecondsToCount = 240;

    /// <summary>How far ahead of the server's clock a client's timestamp may be (clock skew).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>How old a play an offline client may still report.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>
    /// A play counts when at least half the song was played, or 240 seconds, whichever is less;
    /// for a song without a duration, 30 seconds. Half is compared exactly (in whole doubled seconds).
    /// </summary>
    public static bool IsCounted(int secondsPlayed, int? duration) => duration switch
    {
        null => secondsPlayed >= SecondsWithoutDuration,
        { } d => secondsPlayed >= MaxSecondsToCount || 2L * secondsPlayed >= d,
    };

    /// <summary>Whole minutes since the Unix epoch of a UTC instant (see <see cref="Play.PlayedMinute"/>).</summary>
    public static long MinuteOf(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute;

    /// <summary>Whole hours since the Unix epoch of a UTC instant (see <see cref="SongPlayHour.Hour"/>).</summary>
    public static long HourOf(DateTime utc) => MinuteOf(utc) / 60;
}
