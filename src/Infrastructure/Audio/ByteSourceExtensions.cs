using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>Bounded reads for format readers: a length taken from a hostile file never becomes an allocation past the file's end or a limit.</summary>
internal static class ByteSourceExtensions
{
    /// <summary>
    /// Exactly <paramref name="count"/> bytes at <paramref name="offset"/>; a range past the end of the
    /// source, or longer than <paramref name="limit"/>, is refused before anything is allocated.
    /// </summary>
    public static async ValueTask<byte[]> ReadExactlyAsync(this IByteSource source, long offset, long count, int limit,
        CancellationToken cancellationToken)
    {
        if (offset < 0 || count < 0 || count > limit || offset > source.Length - count)
            throw new UnsupportedAudioException("The audio file is damaged or truncated.");
        var buffer = new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = await source.ReadAsync(offset + done, buffer.AsMemory(done), cancellationToken);
            if (read <= 0) throw new UnsupportedAudioException("The audio file is damaged or truncated.");
            done += read;
        }
        return buffer;
    }

    /// <summary>Up to <paramref name="count"/> bytes at <paramref name="offset"/>, fewer at the end of the source.</summary>
    public static async ValueTask<byte[]> ReadUpToAsync(this IByteSource source, long offset, int count, CancellationToken cancellationToken)
    {
        if (offset < 0 || offset >= source.Length) return [];
        var length = (int)Math.Min(count, source.Length - offset);
        return await source.ReadExactlyAsync(offset, length, length, cancellationToken);
    }
}

/// <summary>An in-memory byte source (tests, small uploads already in memory).</summary>
internal sealed class MemoryByteSource(ReadOnlyMemory<byte> bytes) : IByteSource
{
    public long Length => bytes.Length;

    /// <summary>Total bytes handed out, so tests can hold readers to reading only what they need.</summary>
    public long BytesRead { get; private set; }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= bytes.Length) return ValueTask.FromResult(0);
        var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Slice((int)offset, count).CopyTo(buffer);
        BytesRead += count;
        return ValueTask.FromResult(count);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
