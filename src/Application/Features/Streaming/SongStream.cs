using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Streaming;

/// <summary>A song's stored audio as a row: null fields when the song has none.</summary>
public sealed record SongAudioRow(string? StorageKey, string? MimeType, long? Size, string? Sha256, DateTime UpdatedAt);

/// <summary>A song's stored audio, by song id.</summary>
public sealed class SongAudioSpec : Specification<Song, SongAudioRow>
{
    public SongAudioSpec(int id) : base(s => s.Audio == null
        ? new SongAudioRow(null, null, null, null, s.UpdatedAt)
        : new SongAudioRow(s.Audio.StorageKey, s.Audio.MimeType, s.Audio.Size, s.Audio.Sha256, s.UpdatedAt)) => Where(s => s.Id == id);
}

/// <summary>
/// What answers a stream request: either a <see cref="Redirect"/> to the store (a presigned URL), or the
/// stored object to serve, described (type, size, SHA-256, last change) and opened range by range with
/// <see cref="OpenAsync"/>. Disposing it gives back its stream slot; the caller disposes it once the
/// response is over.
/// </summary>
public sealed class SongStream : IDisposable
{
    private readonly IAudioStore? _store;
    private readonly string _key;
    private readonly IDisposable? _slot;

    private SongStream(Uri? redirect, IAudioStore? store, string key, string mimeType, long size, string sha256, DateTime lastModified,
        IDisposable? slot)
    {
        Redirect = redirect;
        _store = store;
        _key = key;
        MimeType = mimeType;
        Size = size;
        Sha256 = sha256;
        LastModified = lastModified;
        _slot = slot;
    }

    internal static SongStream RedirectTo(Uri url, string mimeType, long size, string sha256, DateTime lastModified) =>
        new(url, null, "", mimeType, size, sha256, lastModified, null);

    internal static SongStream Serve(IAudioStore store, string key, string mimeType, long size, string sha256, DateTime lastModified,
        IDisposable slot) =>
        new(null, store, key, mimeType, size, sha256, lastModified, slot);

    /// <summary>Where the client should fetch the bytes instead, or null when the API serves them.</summary>
    public Uri? Redirect { get; }

    public string MimeType { get; }
    public long Size { get; }
    public string Sha256 { get; }

    /// <summary>When the song last changed (UTC): a date validator coarser than, and never contradicting, <see cref="Sha256"/>.</summary>
    public DateTime LastModified { get; }

    /// <summary>The stored bytes from <paramref name="offset"/>, <paramref name="length"/> of them: only those are read from the store.</summary>
    public Task<Stream> OpenAsync(long offset, long length, CancellationToken cancellationToken) =>
        _store is null
            ? throw new InvalidOperationException("A redirected stream has no bytes to open.")
            : _store.OpenReadAsync(_key, offset, length, cancellationToken);

    public void Dispose() => _slot?.Dispose();
}
