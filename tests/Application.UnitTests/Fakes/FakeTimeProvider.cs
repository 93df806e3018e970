namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>A clock that only moves when the test moves it.</summary>
public sealed class FakeTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    public FakeTimeProvider() : this(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)) { }

    public DateTimeOffset UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => UtcNow += by;
}
