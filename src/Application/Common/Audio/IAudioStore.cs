namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// Where audio bytes (and cover images) live: the local disk by default, an S3-compatible object
/// store at scale. Objects are content-addressed (their key derives from their SHA-256) and written
/// whole or not at all: nothing half-written is ever visible under a key.
/// </summary>
public interface IAudioStore
{
    /// <summary>The backend's name, as <c>Storage:Backend</c> spells it (<c>FileSystem</c>, <c>S3</c>).</summary>
    string Backend { get; }

    /// <summary>
    /// Copies <paramref name="content"/> into the store while hashing it, never holding it whole in
    /// memory, and returns its key, size and SHA-256. More than <paramref name="maxBytes"/> bytes throw
    /// <see cref="Errors.PayloadTooLargeException"/> and leave nothing behind, as does any failure.
    /// Writing bytes the store already holds returns the existing object.
    /// </summary>
    Task<StoredObject> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The stored object's bytes from <paramref name="offset"/>, <paramref name="length"/> of them (all when null).</summary>
    Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Random access to a stored object, for readers that need only its head and tail.</summary>
    Task<IByteSource> OpenRandomAccessAsync(string key, CancellationToken cancellationToken);

    /// <summary>Size of the stored object, or null when there is none under <paramref name="key"/>.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the object; removing what is not there is fine.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>A URL that GETs the object without credentials until <paramref name="lifetime"/> passes; null when the backend cannot presign.</summary>
    Uri? PresignGet(string key, TimeSpan lifetime, string contentType);
}

/// <summary>An object in the store: its key, size in bytes and SHA-256 (lower-case hex).</summary>
public sealed record StoredObject(string Key, long Size, string Sha256);

/// <summary>
/// Random-access reads of an immutable sequence of bytes (a stored object, a file). Readers of
/// untrusted formats bound every read by <see cref="Length"/>.
/// </summary>
public interface IByteSource : IAsyncDisposable
{
    long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns how many (fewer only at the end).</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
