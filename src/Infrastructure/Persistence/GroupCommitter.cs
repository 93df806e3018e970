using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Group commit on SQLite. Callers queue their write and wait; one loop takes everything queued (up to
/// <see cref="MaxWeight"/>, counted by <see cref="Weight"/>) and applies it in ONE transaction
/// (<see cref="ApplyAsync"/>), then answers each caller with its own outcome, only after that transaction committed.
/// While a group commits, the next one gathers, so under load a commit serves many callers, and a lone caller never
/// waits for company.
/// <para>
/// Durability: a caller hears back after the commit returned. SQLite in WAL mode with synchronous=NORMAL (see
/// <see cref="SqlitePragmas"/>) has by then written the transaction's pages to the WAL file with write(): they are
/// in the operating system's page cache, which a killed process does not take with it, and the next open replays
/// the WAL. Only an OS crash or a power cut, before the next checkpoint's fsync, could lose them.
/// </para>
/// <para>
/// A group that fails as a whole is applied again one write at a time, so that a failure reaches only the callers
/// whose own write fails; except when the failure is transient (the database locked beyond its busy timeout): the
/// next attempt would wait as long again, so every caller of the group hears it (503 with Retry-After), nothing
/// having changed.
/// </para>
/// </summary>
internal abstract class GroupCommitter<TWrite, TOutcome> : IDisposable, IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly SqliteWriteGate _gate;
    private readonly ITransientFailureDetector _transientFailures;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _committedBatches;

    protected GroupCommitter(IServiceScopeFactory scopes, SqliteWriteGate gate, ITransientFailureDetector transientFailures, ILogger logger)
    {
        _scopes = scopes;
        _gate = gate;
        _transientFailures = transientFailures;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Where the writer's own services come from.</summary>
    protected IServiceScopeFactory Scopes => _scopes;

    /// <summary>The most one transaction takes, in <see cref="Weight"/>s; a single write heavier than this still goes alone.</summary>
    protected abstract int MaxWeight { get; }

    /// <summary>How many transactions have committed groups so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>How much of a transaction's <see cref="MaxWeight"/> a write takes.</summary>
    protected virtual int Weight(TWrite write) => 1;

    /// <summary>Applies the writes, in arrival order, in one transaction, and returns their outcomes once it committed.</summary>
    protected abstract Task<IReadOnlyList<TOutcome>> ApplyAsync(IReadOnlyList<TWrite> writes);

    /// <summary>Queues the write and returns its outcome once the transaction holding it committed.</summary>
    public async Task<TOutcome> WriteAsync(TWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write, Weight(write));
        if (!_queue.Writer.TryWrite(pending))
            throw new TooBusyException(TimeSpan.FromSeconds(1), "The service is shutting down; try again shortly.");
        // A caller that gives up stops waiting; its write, queued already, still happens or fails on its own.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var weight = 0;
            while (_queue.Reader.TryPeek(out var next) && (batch.Count == 0 || weight + next.Weight <= MaxWeight)
                   && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                weight += pending.Weight;
            }
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
            GroupCommitLog.BatchFailed(_logger, e, batch.Count, typeof(TWrite).Name);
            foreach (var pending in batch) await CommitAsync([pending]);
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Outcome.TrySetException(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="apply"/> in a transaction of a new scope's context, behind the process's other SQLite writers
    /// (the gate queues it instead of letting it contend for the file lock).
    /// </summary>
    protected async Task<IReadOnlyList<TOutcome>> InScopedTransactionAsync(
        Func<IServiceProvider, MusicPlayerDbContext, Task<IReadOnlyList<TOutcome>>> apply)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        return await _gate.RunAsync(context, () => context.InTransactionAsync(
            () => apply(scope.ServiceProvider, context), CancellationToken.None), CancellationToken.None);
    }

    /// <summary>Runs <paramref name="apply"/> behind the process's other SQLite writers (for writers that are SQLite's only).</summary>
    protected Task<IReadOnlyList<TOutcome>> BehindTheWriteGateAsync(Func<IReadOnlyList<TOutcome>> apply) =>
        _gate.RunAsync(() => Task.FromResult(apply()), CancellationToken.None);

    /// <summary>Releases what the writer holds, once the last queued write was answered.</summary>
    protected virtual void Release()
    {
    }

    /// <summary>Takes no more writes; those queued are still applied and answered.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        Release();
        GC.SuppressFinalize(this);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class Pending(TWrite write, int weight)
    {
        public TWrite Write { get; } = write;

        public int Weight { get; } = weight;

        public TaskCompletionSource<TOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

internal static partial class GroupCommitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} writes ({Kind}) failed as a whole; applying them one at a time")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, string kind);
}
