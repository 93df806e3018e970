namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Values no other test uses, so tests sharing one database never see each other's rows.</summary>
public static class Unique
{
    /// <summary><paramref name="prefix"/> and 12 random hex digits (short enough for every catalog field).</summary>
    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";
}
