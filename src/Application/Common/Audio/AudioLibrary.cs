using System.Text.Json;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// What the use cases that store audio and covers share: writing within the limits, inspecting what was
/// written, storing covers recognised from their bytes, and deleting bytes once no song or album
/// references them any more (under the key's lock, so an upload of the same bytes deciding at that
/// moment is never left with nothing).
/// </summary>
public sealed class AudioLibrary(
    IAudioStore store,
    IAudioInspector inspector,
    UploadLimits limits,
    StorageKeyLocks locks,
    IReadRepository<Song> songs,
    IReadRepository<Album> albums,
    IReadRepository<Domain.Uploads.UploadSession> uploadSessions,
    ILogger<AudioLibrary> logger)
{
    public StorageKeyLocks Locks => locks;

    /// <summary>Streams an uploaded file into the store; over <see cref="UploadLimits.MaxBytes"/> is a 413 and nothing is kept.</summary>
    public Task<StoredObject> WriteAudioAsync(Stream content, CancellationToken cancellationToken) =>
        store.WriteAsync(content, limits.MaxBytes, cancellationToken);

    /// <summary>
    /// Reads the stored file's format, properties and tags (415 when it is not audio the service takes).
    /// Call it holding the key's lock: the bytes are then known to stay while they are read.
    /// </summary>
    public async Task<AudioInspection> InspectAsync(StoredObject stored, CancellationToken cancellationToken)
    {
        if (await store.GetSizeAsync(stored.Key, cancellationToken) is null)
            throw new ConflictException("The file was deleted while it was being processed; send it again.");
        await using var source = await store.OpenRandomAccessAsync(stored.Key, cancellationToken);
        return await inspector.InspectAsync(source, cancellationToken);
    }

    /// <summary>The song's audio value from what was stored and what inspection found.</summary>
    public static AudioFile ToAudioFile(StoredObject stored, AudioInspection inspection) =>
        new(stored.Key, FormatName(inspection.Format), inspection.MimeType, stored.Size, stored.Sha256,
            inspection.DurationSeconds, inspection.Bitrate, inspection.SampleRate, inspection.Channels);

    /// <summary>The format as responses name it: <c>mp3</c>, <c>flac</c>, <c>oggVorbis</c>, <c>oggOpus</c>, <c>mp4</c>, <c>wav</c>.</summary>
    public static string FormatName(AudioFormat format) => JsonNamingPolicy.CamelCase.ConvertName(format.ToString());

    /// <summary>Stores an embedded front cover when it is a JPEG, PNG or WebP of at most <see cref="CoverImage.MaxBytes"/>; null otherwise.</summary>
    public async Task<CoverImage?> StoreEmbeddedCoverAsync(EmbeddedPicture? picture, CancellationToken cancellationToken)
    {
        if (picture is null || picture.Data.Length is 0 or > CoverImage.MaxBytes) return null;
        if (ImageSniffer.MimeTypeOf(picture.Data) is not { } mimeType) return null;
        using var content = new MemoryStream(picture.Data, writable: false);
        var stored = await store.WriteAsync(content, CoverImage.MaxBytes, cancellationToken);
        return new CoverImage(stored.Key, mimeType, stored.Size, stored.Sha256);
    }

    /// <summary>
    /// Stores an uploaded cover: at most <see cref="CoverImage.MaxBytes"/> (413 beyond), a JPEG, PNG or WebP by its
    /// bytes (415 otherwise). Covers are small, so the body is read into memory before anything is stored.
    /// </summary>
    public async Task<CoverImage> StoreCoverAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > CoverImage.MaxBytes)
                throw new PayloadTooLargeException($"A cover must not exceed {CoverImage.MaxBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }

        var mimeType = ImageSniffer.MimeTypeOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) ?? throw new UnsupportedImageException();
        buffer.Position = 0;
        var stored = await store.WriteAsync(buffer, CoverImage.MaxBytes, cancellationToken);
        return new CoverImage(stored.Key, mimeType, stored.Size, stored.Sha256);
    }

    /// <summary>
    /// Deletes the bytes under each key that no song (audio or cover), no album (cover) and no upload session
    /// waiting to be completed references.
    /// Runs after the change is saved, or after a failure to clean up; it never throws for a failed
    /// delete (the change stands, the bytes stay and are logged), and is not cancelled with the request.
    /// </summary>
    public async Task ReleaseAsync(params string?[] keys)
    {
        foreach (var key in keys.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                await using var held = await locks.AcquireAsync(key, CancellationToken.None);
                if (await songs.AnyAsync(new SongsReferencingSpec(key), CancellationToken.None)
                    || await albums.AnyAsync(new AlbumsReferencingSpec(key), CancellationToken.None)
                    || await uploadSessions.AnyAsync(new UploadSessionsHoldingSpec(key), CancellationToken.None))
                    continue;
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Stored bytes {StorageKey} could not be released; they stay in the store", key);
            }
        }
    }
}
