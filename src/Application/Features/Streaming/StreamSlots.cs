using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Application.Features.Streaming;

/// <summary>
/// Bounds the streams open at once (each holds a file handle or a connection to the store) at
/// <see cref="StreamingOptions.MaxOpenStreams"/>. Taking a slot never waits: when none is free the
/// caller gets a 503 with Retry-After at once, instead of queueing behind clients that may stream for
/// minutes. A slot is given back when its lease is disposed, which the response does when it ends,
/// also when the client goes away.
/// </summary>
public sealed class StreamSlots(StreamingOptions options) : IDisposable
{
    /// <summary>What a client refused for want of a slot is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _free = new(options.MaxOpenStreams, options.MaxOpenStreams);

    public int Capacity { get; } = options.MaxOpenStreams;

    /// <summary>Streams open now.</summary>
    public int InUse => Capacity - _free.CurrentCount;

    /// <summary>A slot, or <see cref="TooBusyException"/> when every slot is taken.</summary>
    public IDisposable Take() =>
        _free.Wait(0) ? new Lease(_free) : throw new TooBusyException(RetryAfter, "Too many streams are open; try again shortly.");

    public void Dispose() => _free.Dispose();

    private sealed class Lease(SemaphoreSlim free) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) free.Release();
        }
    }
}
