using MusicPlayer.Domain.History;

namespace MusicPlayer.Domain.UnitTests.History;

public sealed class PlayRulesTests
{
    [Theory]
    [InlineData(200, 99, false)]
    [InlineData(200, 100, true)] // exactly half
    [InlineData(201, 100, false)] // half is 100.5
    [InlineData(201, 101, true)]
    [InlineData(1000, 239, false)]
    [InlineData(1000, 240, true)] // 240 s is less than half
    [InlineData(null, 29, false)]
    [InlineData(null, 30, true)]
    [InlineData(86400, 86400, true)]
    public void IsCounted_HalfTheDurationOr240Seconds_WhicheverIsLess(int? duration, int secondsPlayed, bool counted) =>
        PlayRules.IsCounted(secondsPlayed, duration).Should().Be(counted);

    [Fact]
    public void MinuteAndHourOf_CountFromTheUnixEpoch()
    {
        var at = new DateTime(1970, 1, 2, 1, 30, 59, DateTimeKind.Utc);

        PlayRules.MinuteOf(at).Should().Be(24 * 60 + 90);
        PlayRules.HourOf(at).Should().Be(25);
    }
}
