namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>The app behind real Kestrel on a free loopback port, for what the in-memory test server cannot show.</summary>
public sealed class KestrelMusicPlayerFactory : MusicPlayerFactory
{
    public KestrelMusicPlayerFactory() => UseKestrel(0);
}
