using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Group commit of likes and unlikes on SQLite. Callers queue their write and wait; one loop takes everything
/// queued (up to <see cref="MaxBatch"/>) and applies it in ONE transaction (<see cref="LikeBatch"/>), then answers
/// each caller with its own outcome, only after that transaction committed. While a batch commits, the next one
/// gathers, so under load a commit serves many callers, and a lone caller never waits for company.
/// <para>
/// Durability: a caller hears back after the commit returned. SQLite in WAL mode with synchronous=NORMAL (see
/// <see cref="SqlitePragmas"/>) has by then written the transaction's pages to the WAL file with write(): they are
/// in the operating system's page cache, which a killed process does not take with it, and the next open replays
/// the WAL. Only an OS crash or a power cut, before the next checkpoint's fsync, could lose them.
/// </para>
/// <para>
/// A batch that fails as a whole is applied again one write at a time, so that a failure reaches only the callers
/// whose own write fails; except when the failure is transient (the database locked beyond its busy timeout): the
/// next attempt would wait as long again, so every caller of the batch hears it (503 with Retry-After), nothing
/// having changed.
/// </para>
/// </summary>
internal sealed partial class LikeCommitter : IDisposable, IAsyncDisposable
{
    /// <summary>The most writes one transaction takes; the statements stay far below SQLite's limits.</summary>
    public const int MaxBatch = 500;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteGate _gate;
    private readonly ITransientFailureDetector _transientFailures;
    private readonly ILogger<LikeCommitter> _logger;
    private readonly Task _loop;
    private long _committedBatches;

    public LikeCommitter(IServiceScopeFactory scopes, SqliteWriteGate gate, ITransientFailureDetector transientFailures,
        ILogger<LikeCommitter> logger)
    {
        _scopes = scopes;
        _gate = gate;
        _transientFailures = transientFailures;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many transactions have committed batches so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Queues the write and returns its outcome once the transaction holding it committed.</summary>
    public async Task<LikeWriteOutcome> WriteAsync(LikeWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
            throw new TooBusyException(TimeSpan.FromSeconds(1), "The service is shutting down; try again shortly.");
        // A caller that gives up stops waiting; its write, queued already, still happens or fails on its own.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            var outcomes = await ApplyAsync(batch.Select(p => p.Write).ToList());
            Interlocked.Increment(ref _committedBatches);
            for (var i = 0; i < batch.Count; i++) batch[i].Outcome.TrySetResult(outcomes[i]);
        }
        catch (Exception e) when (batch.Count > 1 && !_transientFailures.IsTransient(e))
        {
            LogBatchFailed(e, batch.Count);
            foreach (var pending in batch) await CommitAsync([pending]);
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Outcome.TrySetException(e);
        }
    }

    private async Task<IReadOnlyList<LikeWriteOutcome>> ApplyAsync(IReadOnlyList<LikeWrite> writes)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        // The gate queues this transaction behind the process's other SQLite writers instead of contending for the file lock.
        return await _gate.RunAsync(context, () => context.InTransactionAsync(
            () => LikeBatch.ApplyAsync(context, writes, CancellationToken.None), CancellationToken.None), CancellationToken.None);
    }

    /// <summary>Takes no more writes; those queued are still applied and answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} likes failed as a whole; applying its writes one at a time")]
    private partial void LogBatchFailed(Exception exception, int count);

    private sealed class Pending(LikeWrite write)
    {
        public LikeWrite Write { get; } = write;

        public TaskCompletionSource<LikeWriteOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
