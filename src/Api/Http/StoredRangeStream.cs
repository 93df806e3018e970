using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Api.Http;

/// <summary>
/// A song's stored audio as the seekable stream ASP.NET Core's file results want (a length, a position),
/// without opening anything until bytes are read: a HEAD, a 304, a 412 or a 416 never touch the store.
/// The first read opens one ranged read of the store at the position the result seeked to, of exactly
/// <c>bytesToSend()</c> bytes (the result has set the response's Content-Length to the bytes it is about
/// to copy before it reads), so an S3 proxy fetches only the requested range and a file is read only
/// there. Async only: a synchronous read would block a thread on the network. Disposing it closes the
/// store's stream and gives back the stream slot.
/// </summary>
internal sealed class StoredRangeStream(SongStream song, Func<long?> bytesToSend) : Stream
{
    private Stream? _inner;
    private long _position;
    private long _innerEnd;
    private bool _disposed;

    public override bool CanRead => !_disposed;
    public override bool CanSeek => !_disposed;
    public override bool CanWrite => false;
    public override long Length => song.Size;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position) CloseInner();
        _position = target;
        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty || _position >= Length) return 0;
        if (_inner is null || _position >= _innerEnd)
        {
            CloseInner();
            var remaining = Length - _position;
            var length = Math.Clamp(bytesToSend() ?? remaining, 1, remaining);
            _inner = await song.OpenAsync(_position, length, cancellationToken);
            _innerEnd = _position + length;
        }
        var read = await _inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _innerEnd - _position)], cancellationToken);
        if (read == 0) throw new IOException($"The stored audio ended at byte {_position} of {Length}.");
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Stored audio is read asynchronously only.");

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void CloseInner()
    {
        _inner?.Dispose();
        _inner = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            CloseInner();
            song.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed && _inner is not null) await _inner.DisposeAsync();
        _inner = null;
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
