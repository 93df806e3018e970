using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>An upload of bytes in memory.</summary>
public sealed class BytesUpload(byte[] bytes, string? fileName = "track.ogg", int? albumId = null) : IUpload
{
    public Task<UploadedFile> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new UploadedFile(new MemoryStream(bytes), fileName, albumId));
}
