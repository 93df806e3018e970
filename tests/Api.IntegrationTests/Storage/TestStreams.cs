using System.Security.Cryptography;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary>
/// A non-seekable stream of <c>length</c> pseudo-random bytes, generated into the reader's buffer
/// (it allocates nothing itself), that can throw after <c>failAfter</c> bytes like a dropped upload.
/// </summary>
public sealed class GeneratedStream(long length, ulong seed = 0x9E3779B97F4A7C15, long? failAfter = null) : Stream
{
    private ulong _state = seed | 1;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (failAfter is { } limit && _position >= limit) throw new IOException("The client went away.");
        var end = failAfter is { } l ? Math.Min(length, l) : length;
        var count = (int)Math.Min(buffer.Length, Math.Max(0, end - _position));
        // The generator stays in step with the position: the same bytes whatever the read sizes.
        for (var i = 0; i < count; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The bytes a stream of this length and seed yields (for small lengths).</summary>
    public static byte[] Bytes(int length, ulong seed = 0x9E3779B97F4A7C15)
    {
        var bytes = new byte[length];
        new GeneratedStream(length, seed).ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The SHA-256 (lower-case hex) of a generated stream, computed without holding it.</summary>
    public static string Sha256(long length, ulong seed = 0x9E3779B97F4A7C15)
    {
        using var stream = new GeneratedStream(length, seed);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
