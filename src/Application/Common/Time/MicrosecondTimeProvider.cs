namespace MusicPlayer.Application.Common.Time;

/// <summary>
/// The system clock cut to whole microseconds, the finest precision every supported database keeps
/// (PostgreSQL stores microseconds; .NET ticks are 100 ns). Without it the 201 of a create would
/// report a <c>createdAt</c> that the stored resource, read back, no longer has.
/// </summary>
public sealed class MicrosecondTimeProvider : TimeProvider
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TicksPerMicrosecond));
    }
}
