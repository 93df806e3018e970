using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Stream URL signatures that are readable and that only this fake accepts.</summary>
public sealed class FakeStreamUrlSigner : IStreamUrlSigner
{
    public static readonly FakeStreamUrlSigner Instance = new();

    public string Sign(int songId, long expires) => $"stream-{songId}-{expires}";

    public bool IsValid(int songId, long expires, string signature) => signature == Sign(songId, expires);
}
