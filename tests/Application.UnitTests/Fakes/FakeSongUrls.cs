using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Stream URLs under a fixed origin.</summary>
public sealed class FakeSongUrls : ISongUrls
{
    public const string Origin = "https://music.example.com";

    public static readonly FakeSongUrls Instance = new();

    public string Stream(int songId) => $"{Origin}/api/v1/songs/{songId}/stream";

    public string SignedStream(int songId, long expires, string signature) => $"{Stream(songId)}?expires={expires}&sig={signature}";
}
