using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Group commit of likes and unlikes on SQLite (see <see cref="GroupCommitter{TWrite, TOutcome}"/>): the likes queued
/// together are applied in one transaction by <see cref="LikeBatch"/>, on its own connection, each caller answered after
/// its commit.
/// </summary>
internal sealed class LikeCommitter(IServiceScopeFactory scopes, SqliteWriteGate gate, ITransientFailureDetector transientFailures,
    ILogger<LikeCommitter> logger) : GroupCommitter<LikeWrite, LikeWriteOutcome>(scopes, gate, transientFailures, logger)
{
    /// <summary>The most writes one transaction takes, so that other writers wait behind one for a few milliseconds at most.</summary>
    public const int MaxBatch = 500;

    // Opened by the first group, on the committer's loop, which is the only code that uses it.
    private LikeBatch? _batch;

    protected override int MaxWeight => MaxBatch;

    protected override Task<IReadOnlyList<LikeWriteOutcome>> ApplyAsync(IReadOnlyList<LikeWrite> writes) =>
        BehindTheWriteGateAsync(() => (_batch ??= Open()).Apply(writes));

    private LikeBatch Open()
    {
        using var scope = Scopes.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database;
        return new LikeBatch(database.GetConnectionString()
            ?? throw new InvalidOperationException("The database context has no connection string."));
    }

    protected override void Release() => _batch?.Dispose();
}
