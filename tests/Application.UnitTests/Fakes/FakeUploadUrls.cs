using MusicPlayer.Application.Features.Uploads;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Upload URLs under <see cref="FakeSongUrls.Origin"/>, "signed" with a readable signature that only this fake accepts.</summary>
public sealed class FakeUploadUrls : IUploadUrlSigner, IUploadSessionUrls
{
    public static readonly FakeUploadUrls Instance = new();

    public string Sign(int sessionId, long expires) => $"signed-{sessionId}-{expires}";

    public bool IsValid(int sessionId, long expires, string signature) => signature == Sign(sessionId, expires);

    public string Content(int sessionId, long expires, string signature) =>
        $"{FakeSongUrls.Origin}/api/v1/uploads/sessions/{sessionId}/content?expires={expires}&sig={signature}";
}
