using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Group commit of likes and unlikes on SQLite (see <see cref="GroupCommitter{TWrite, TOutcome}"/>): the likes queued
/// together are applied in one transaction by <see cref="LikeBatch"/>, each caller answered after its commit.
/// </summary>
internal sealed class LikeCommitter(IServiceScopeFactory scopes, SqliteWriteGate gate, ITransientFailureDetector transientFailures,
    ILogger<LikeCommitter> logger) : GroupCommitter<LikeWrite, LikeWriteOutcome>(scopes, gate, transientFailures, logger)
{
    /// <summary>The most writes one transaction takes; the statements stay far below SQLite's limits.</summary>
    public const int MaxBatch = 500;

    protected override int MaxWeight => MaxBatch;

    protected override Task<IReadOnlyList<LikeWriteOutcome>> ApplyAsync(IServiceProvider scope, MusicPlayerDbContext context, IReadOnlyList<LikeWrite> writes) =>
        LikeBatch.ApplyAsync(context, writes, CancellationToken.None);
}
