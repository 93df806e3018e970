using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// Random access to an S3 object by ranged GETs, with a small read-ahead cache: a read is served
/// from aligned blocks of <see cref="BlockSize"/> bytes, fetched whole, of which the
/// <see cref="MaxBlocks"/> used last are kept (so at most 256 KiB per source). The format readers
/// read headers a few bytes at a time, at the head and at the tail of a file: those become a few
/// requests instead of one each. A read longer than two blocks bypasses the cache with one GET of
/// exactly its range. One reader at a time: not thread-safe.
/// </summary>
internal sealed class S3ByteSource(S3AudioStore store, string objectName, long length) : IByteSource
{
    internal const int BlockSize = 64 * 1024;
    internal const int MaxBlocks = 4;

    // Most recently used first.
    private readonly LinkedList<(long Index, byte[] Bytes)> _blocks = new();

    public long Length { get; } = length;

    /// <summary>GET requests sent so far (the tests hold the cache to its purpose with it).</summary>
    internal int Requests { get; private set; }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length || buffer.IsEmpty) return 0;
        var count = (int)Math.Min(buffer.Length, Length - offset);
        if (count > 2 * BlockSize)
        {
            Requests++;
            await store.ReadRangeAsync(objectName, offset, buffer[..count], cancellationToken);
            return count;
        }

        var done = 0;
        while (done < count)
        {
            var position = offset + done;
            var block = await BlockAsync(position / BlockSize, cancellationToken);
            var within = (int)(position % BlockSize);
            var take = Math.Min(count - done, block.Length - within);
            block.AsSpan(within, take).CopyTo(buffer.Span[done..]);
            done += take;
        }
        return count;
    }

    private async ValueTask<byte[]> BlockAsync(long index, CancellationToken cancellationToken)
    {
        for (var node = _blocks.First; node is not null; node = node.Next)
        {
            if (node.Value.Index != index) continue;
            _blocks.Remove(node);
            _blocks.AddFirst(node);
            return node.Value.Bytes;
        }

        var start = index * BlockSize;
        var bytes = new byte[(int)Math.Min(BlockSize, Length - start)];
        Requests++;
        await store.ReadRangeAsync(objectName, start, bytes, cancellationToken);
        _blocks.AddFirst((index, bytes));
        if (_blocks.Count > MaxBlocks) _blocks.RemoveLast();
        return bytes;
    }

    public ValueTask DisposeAsync()
    {
        _blocks.Clear();
        return ValueTask.CompletedTask;
    }
}
