using System.Diagnostics;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Asserts a bound on staleness with the real clock: what a change must lead to within a time.</summary>
public static class Within
{
    /// <summary>
    /// Runs <paramref name="check"/> (every 20 ms) until it holds. Fails when a check that started
    /// <paramref name="bound"/> or more after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp taken
    /// once the change was answered) still does not hold. A check that started within the bound may go either way.
    /// </summary>
    public static async Task HoldsAsync(TimeSpan bound, long since, Func<Task<bool>> check, string because)
    {
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (await check()) return;
            Stopwatch.GetElapsedTime(since, started).Should().BeLessThan(bound, because);
            await Task.Delay(20);
        }
    }
}
