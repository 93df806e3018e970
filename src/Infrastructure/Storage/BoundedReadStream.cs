namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// A read-only, forward-only view of at most <c>limit</c> bytes of another stream (all of them when
/// the limit is null). Disposing it disposes the inner stream and, when given, what owns it (an S3
/// response).
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long? limit, IDisposable? owner = null) : Stream
{
    private long _remaining = limit ?? long.MaxValue;
    private long _position;
    private bool _disposed;

    public override bool CanRead => !_disposed;
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
        if (_remaining <= 0 || buffer.IsEmpty) return 0;
        var read = inner.Read(buffer[..Allowed(buffer.Length)]);
        return Advance(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0 || buffer.IsEmpty) return 0;
        var read = await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken);
        return Advance(read);
    }

    private int Allowed(int requested) => (int)Math.Min(requested, _remaining);

    private int Advance(int read)
    {
        _remaining -= read;
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            inner.Dispose();
            owner?.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await inner.DisposeAsync();
            owner?.Dispose();
        }
        await base.DisposeAsync();
    }
}
