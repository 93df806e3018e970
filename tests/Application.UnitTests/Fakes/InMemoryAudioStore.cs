using System.Security.Cryptography;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>A content-addressed store in a dictionary: the key is the SHA-256, a write over the limit keeps nothing.</summary>
public sealed class InMemoryAudioStore : IAudioStore
{
    private readonly Dictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    public string Backend => "Memory";

    /// <summary>The keys held now.</summary>
    public IReadOnlyCollection<string> Keys => _objects.Keys;

    public byte[] this[string key] => _objects[key];

    public async Task<StoredObject> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw new PayloadTooLargeException($"The file must not exceed {maxBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        _objects.TryAdd(sha, bytes);
        return new StoredObject(sha, bytes.Length, sha);
    }

    public Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        var bytes = Get(key);
        var count = (int)Math.Min(length ?? long.MaxValue, bytes.Length - offset);
        return Task.FromResult<Stream>(new MemoryStream(bytes, (int)offset, count, writable: false));
    }

    public Task<IByteSource> OpenRandomAccessAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<IByteSource>(new Source(Get(key)));

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_objects.TryGetValue(key, out var bytes) ? bytes.LongLength : (long?)null);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _objects.Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>Where presigned URLs point, like an object store's; null (the default) for a store that cannot presign, like a disk.</summary>
    public Uri? PresignOrigin { get; set; }

    public Uri? PresignGet(string key, TimeSpan lifetime, string contentType) =>
        PresignOrigin is null ? null : new Uri(PresignOrigin, $"{key}?seconds={(int)lifetime.TotalSeconds}&type={Uri.EscapeDataString(contentType)}");

    private byte[] Get(string key) => _objects.TryGetValue(key, out var bytes) ? bytes : throw new NotFoundException("Stored audio", key);

    private sealed class Source(byte[] bytes) : IByteSource
    {
        public long Length => bytes.Length;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            if (offset >= bytes.Length) return ValueTask.FromResult(0);
            var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
            bytes.AsMemory((int)offset, count).CopyTo(buffer);
            return ValueTask.FromResult(count);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
