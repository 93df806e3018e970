namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// An uploaded file not read yet: the handler opens it after authorization and validation have run,
/// so a caller who may not upload is refused before any of the body is read.
/// </summary>
public interface IUpload
{
    /// <summary>Reads up to the file's bytes (a malformed upload is a 400) and hands them on as a stream, read once.</summary>
    Task<UploadedFile> OpenAsync(CancellationToken cancellationToken);
}

/// <param name="Content">The file's bytes, read once, never whole in memory.</param>
/// <param name="FileName">The client's name of the file: the title when the tags have none.</param>
/// <param name="AlbumId">The album to put the song on, instead of the one its tags name.</param>
public sealed record UploadedFile(Stream Content, string? FileName, int? AlbumId = null);
