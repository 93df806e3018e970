using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Group commit of play batches on SQLite (see <see cref="GroupCommitter{TWrite, TOutcome}"/>): the batches queued
/// together are recorded in one transaction by <see cref="PlayBatch"/>, each caller answered after its commit. Most of
/// a batch's cost is the pages its counters dirty (each counted play moves a song's row, its PlayCount indexes, its
/// hour and its chart windows) and the commit that writes them; batches sharing a transaction share those pages,
/// the statements and the commit.
/// </summary>
internal sealed class PlayCommitter(IServiceScopeFactory scopes, SqliteWriteGate gate, ITransientFailureDetector transientFailures,
    ILogger<PlayCommitter> logger) : GroupCommitter<PlayWrite, PlayWriteOutcome>(scopes, gate, transientFailures, logger)
{
    /// <summary>The most plays one transaction takes (four full batches, forty of fifty): its statements stay far below SQLite's limits.</summary>
    public const int MaxPlays = 2_000;

    protected override int MaxWeight => MaxPlays;

    protected override int Weight(PlayWrite write) => write.Plays.Count;

    protected override Task<IReadOnlyList<PlayWriteOutcome>> ApplyAsync(IReadOnlyList<PlayWrite> writes) =>
        InScopedTransactionAsync((scope, context) =>
            PlayBatch.ApplyAsync(context, scope.GetRequiredService<ChartWindowCounters>(), writes, CancellationToken.None));
}
