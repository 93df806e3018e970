using MusicPlayer.Application.Features.History;

namespace MusicPlayer.Application.UnitTests.Features.History;

/// <summary>Local days as UTC instants and constant-offset segments, across daylight-saving switches.</summary>
public sealed class LocalDaysTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void In_Utc_IsOneSegmentOfWholeDays()
    {
        var days = LocalDays.In(TimeZoneInfo.Utc, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        days.StartUtc.Should().Be(Utc(2026, 1, 1, 0));
        days.EndUtc.Should().Be(Utc(2027, 1, 1, 0));
        days.DayCount.Should().Be(365);
        days.Segments.Should().Equal(new OffsetSegment(Utc(2026, 1, 1, 0), Utc(2027, 1, 1, 0), 0));
    }

    [Fact]
    public void In_Berlin_OverAYear_SplitsAtBothSwitches()
    {
        var days = LocalDays.In(Berlin, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        days.StartUtc.Should().Be(Utc(2025, 12, 31, 23));
        days.Segments.Should().Equal(
            new OffsetSegment(Utc(2025, 12, 31, 23), Utc(2026, 3, 29, 1), 60),
            new OffsetSegment(Utc(2026, 3, 29, 1), Utc(2026, 10, 25, 1), 120),
            new OffsetSegment(Utc(2026, 10, 25, 1), Utc(2026, 12, 31, 23), 60));
    }

    [Fact]
    public void StartOfDay_DayOfTheSwitch_LastsItsRealLength()
    {
        var autumn = LocalDays.StartOfDay(Berlin, new DateOnly(2026, 10, 26)) - LocalDays.StartOfDay(Berlin, new DateOnly(2026, 10, 25));
        var spring = LocalDays.StartOfDay(Berlin, new DateOnly(2026, 3, 30)) - LocalDays.StartOfDay(Berlin, new DateOnly(2026, 3, 29));

        autumn.Should().Be(TimeSpan.FromHours(25));
        spring.Should().Be(TimeSpan.FromHours(23));
    }

    [Fact]
    public void StartOfDay_WhereMidnightIsSkipped_IsTheFirstValidMinute()
    {
        // America/Santiago turns its clocks from 00:00 to 01:00 on 6 September 2026 (UTC-4 to UTC-3).
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        LocalDays.StartOfDay(santiago, new DateOnly(2026, 9, 6)).Should().Be(Utc(2026, 9, 6, 4));
    }
}
