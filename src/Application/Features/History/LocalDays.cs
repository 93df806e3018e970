namespace MusicPlayer.Application.Features.History;

/// <summary>
/// A range of calendar days in a time zone, as UTC instants the database can filter and group by.
/// The range is cut into <see cref="Segments"/> during which the zone's offset from UTC does not change
/// (one for UTC, one more per daylight-saving switch): within a segment, a play's local day is
/// <c>(PlayedMinute + offset) / 1440</c>, plain integer arithmetic that every database runs alike.
/// Days are not assumed to last 24 hours: a day with a DST switch has 23 or 25.
/// </summary>
public sealed record LocalDays(DateOnly From, DateOnly To, DateTime StartUtc, DateTime EndUtc, IReadOnlyList<OffsetSegment> Segments)
{
    /// <summary>How often the offset is sampled when looking for switches; no zone switches twice within this.</summary>
    private static readonly TimeSpan Probe = TimeSpan.FromHours(6);

    public int DayCount => To.DayNumber - From.DayNumber + 1;

    /// <summary>The days <paramref name="from"/>..<paramref name="to"/> (inclusive) in <paramref name="zone"/>.</summary>
    public static LocalDays In(TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        var start = StartOfDay(zone, from);
        var end = StartOfDay(zone, to.AddDays(1));
        var segments = new List<OffsetSegment>();
        var segmentStart = start;
        var offset = zone.GetUtcOffset(start);
        for (var previous = start; previous < end;)
        {
            var next = previous + Probe < end ? previous + Probe : end;
            var sampled = zone.GetUtcOffset(next < end ? next : end.AddTicks(-1));
            if (sampled != offset)
            {
                var switchAt = FirstMinuteWith(zone, sampled, previous, next);
                segments.Add(new OffsetSegment(segmentStart, switchAt, (int)offset.TotalMinutes));
                segmentStart = switchAt;
                offset = sampled;
            }
            previous = next;
        }
        segments.Add(new OffsetSegment(segmentStart, end, (int)offset.TotalMinutes));
        return new LocalDays(from, to, start, end, segments);
    }

    /// <summary>The UTC instant a local day begins: local midnight, or the first valid local time after it where midnight is skipped.</summary>
    public static DateTime StartOfDay(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        // A repeated midnight (clocks turned back at midnight) begins the day at its first occurrence: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The first whole minute after <paramref name="after"/> (and at most <paramref name="atOrBefore"/>) whose offset is <paramref name="offset"/>.</summary>
    private static DateTime FirstMinuteWith(TimeZoneInfo zone, TimeSpan offset, DateTime after, DateTime atOrBefore)
    {
        // Binary search over whole minutes: every switch happens on a minute.
        long low = 0, high = (long)Math.Ceiling((atOrBefore - after).TotalMinutes) - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (zone.GetUtcOffset(after.AddMinutes(mid + 1)) == offset) high = mid;
            else low = mid + 1;
        }
        return after.AddMinutes(low + 1);
    }
}

/// <summary>[<see cref="FromUtc"/>, <see cref="ToUtc"/>) with one offset from UTC, in minutes.</summary>
public sealed record OffsetSegment(DateTime FromUtc, DateTime ToUtc, int OffsetMinutes);
