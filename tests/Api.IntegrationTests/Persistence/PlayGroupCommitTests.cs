using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Domain.History;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Persistence;

/// <summary>
/// The group commit of play batches on SQLite (always SQLite: it is the SQLite write path), on the real infrastructure
/// and a migrated database: a group gives each batch the outcome it would have had alone, in arrival order (a key an
/// earlier batch of the group recorded is a duplicate), and keeps every counter and aggregate equal to the rows;
/// batches queued together share one transaction; and a group that fails as a whole fails only the batch that breaks it.
/// </summary>
public sealed class PlayGroupCommitTests : IAsyncLifetime
{
    private readonly SqliteInfrastructure _infrastructure = new("");
    private readonly DateTime _now = DateTime.UtcNow.AddMinutes(-1);

    private ServiceProvider Services => _infrastructure.Services;

    public Task InitializeAsync() => _infrastructure.InitializeAsync();

    public async Task DisposeAsync() => await _infrastructure.DisposeAsync();

    [Fact]
    public async Task Group_GivesEachBatchItsOwnOutcomeInArrivalOrder_AndCountersEqualRows()
    {
        var (ann, bob) = (await AddUserAsync(), await AddUserAsync());
        var (a, b) = (await AddSongAsync(), await AddSongAsync());
        await ApplyAsync([new PlayWrite(ann, [Play(a, 300, "k0")])]);

        var outcomes = await ApplyAsync(
        [
            new PlayWrite(ann, [Play(a, 300, "k0"), Play(a, 300, "k1"), Play(b, 10, "k2")]),
            new PlayWrite(ann, [Play(a, 300, "k1"), Play(b, 300, "k3")]),
            new PlayWrite(bob, [Play(a, 300, "k1"), Play(a, 300, "k1"), Play(b, 300, null), Play(b, 300, null)]),
            new PlayWrite(bob, [Play(a, 300, "k9"), Play(999_999, 300, "k8")]),
            new PlayWrite(999_999, [Play(a, 300, "k7")]),
        ]);

        outcomes.Should().BeEquivalentTo(
        [
            new PlayWriteOutcome(true, new PlayBatchResult(2, 1, [])),
            new PlayWriteOutcome(true, new PlayBatchResult(1, 1, [])),
            new PlayWriteOutcome(true, new PlayBatchResult(3, 1, [])),
            new PlayWriteOutcome(true, PlayBatchResult.Unknown([999_999])),
            new PlayWriteOutcome(false, PlayBatchResult.Unknown([])),
        ], o => o.WithStrictOrdering());
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        (await db.Plays.CountAsync(p => p.UserId == ann)).Should().Be(4, "k0 earlier, then k1 and k2, then k3");
        (await db.Plays.CountAsync(p => p.UserId == bob)).Should().Be(3, "bob's own k1 once and two plays without a key; nothing of the batch with an unknown song");
        (await db.Plays.AnyAsync(p => p.ClientPlayId == "k9")).Should().BeFalse();
        var counts = await db.Songs.Select(s => new
        {
            s.Id,
            s.PlayCount,
            Rows = db.Plays.Count(p => p.SongId == s.Id && p.Counted),
            Hours = db.SongPlayHours.Where(h => h.SongId == s.Id).Sum(h => (int?)h.Plays) ?? 0,
            Month = db.SongPlayWindows.Where(w => w.SongId == s.Id && w.Hours == 720).Sum(w => (int?)w.Plays) ?? 0,
        }).ToListAsync();
        counts.Should().BeEquivalentTo([new { Id = a, PlayCount = 3, Rows = 3, Hours = 3, Month = 3 }, new { Id = b, PlayCount = 3, Rows = 3, Hours = 3, Month = 3 }]);
        var userHours = await db.UserPlayHours.GroupBy(h => h.UserId).Select(g => new { UserId = g.Key, Plays = g.Sum(h => h.Plays), Seconds = g.Sum(h => h.Seconds) })
            .ToListAsync();
        userHours.Should().BeEquivalentTo([new { UserId = ann, Plays = 3, Seconds = 910L }, new { UserId = bob, Plays = 3, Seconds = 900L }]);
    }

    [Fact]
    public async Task Committer_BatchesQueuedWhileATransactionRuns_ShareTheNextTransaction()
    {
        var users = new List<int>();
        for (var i = 0; i < 8; i++) users.Add(await AddUserAsync());
        var song = await AddSongAsync();
        var committer = Services.GetRequiredService<PlayCommitter>();
        var before = committer.CommittedBatches;

        var outcomes = await Task.WhenAll(await QueueWhileTheWriteGateIsHeldAsync(
            users.Select(u => new PlayWrite(u, [Play(song, 300, "same"), Play(song, 300, "same")]))));

        outcomes.Should().HaveCount(users.Count).And.AllBeEquivalentTo(new PlayWriteOutcome(true, new PlayBatchResult(1, 1, [])),
            "each user's batch records its first play and finds the second a duplicate");
        (committer.CommittedBatches - before).Should().BeInRange(1, 2,
            "the loop takes at most the first batch before it waits for the gate; every later one joins the next transaction");
        await using var scope = Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Songs.SingleAsync(s => s.Id == song)).PlayCount.Should().Be(users.Count);
    }

    [Fact]
    public async Task Committer_WhenAGroupFailsAsAWhole_AnswersTheOthersAndFailsOnlyTheBatchThatBreaksIt()
    {
        var user = await AddUserAsync();
        var songs = new List<int>();
        for (var i = 0; i < 4; i++) songs.Add(await AddSongAsync());
        var broken = songs[2];
        // A stand-in for a failure only one batch meets: the database refuses a play of this song.
        var refuse = $"CREATE TRIGGER refuse_play BEFORE INSERT ON Plays WHEN NEW.SongId = {broken} BEGIN SELECT RAISE(ABORT, 'refused'); END";
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database.ExecuteSqlRawAsync(refuse);

        var writes = await QueueWhileTheWriteGateIsHeldAsync(songs.Select(s => new PlayWrite(user, [Play(s, 300, $"song-{s}")])));

        for (var i = 0; i < songs.Count; i++)
        {
            if (songs[i] == broken)
                await writes[i].Invoking(w => w).Should().ThrowAsync<SqliteException>().WithMessage("*refused*");
            else
                (await writes[i]).Should().BeEquivalentTo(new PlayWriteOutcome(true, new PlayBatchResult(1, 0, [])), $"song {songs[i]}'s batch does not depend on song {broken}'s");
        }
        await using var check = Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        (await db.Songs.ToDictionaryAsync(s => s.Id, s => s.PlayCount)).Should().Equal(songs.ToDictionary(s => s, s => s == broken ? 0 : 1));
        (await db.Plays.CountAsync()).Should().Be(songs.Count - 1);
    }

    [Fact]
    public async Task Checkpointer_SoonAfterWrites_HasThemInTheDatabaseFileItself()
    {
        var checkpointer = Services.GetServices<IHostedService>().OfType<SqliteCheckpointer>().Single();
        await checkpointer.StartAsync(CancellationToken.None);
        try
        {
            var (user, song) = (await AddUserAsync(), await AddSongAsync());
            var committer = Services.GetRequiredService<PlayCommitter>();
            for (var i = 0; i < 5; i++) await committer.WriteAsync(new PlayWrite(user, [Play(song, 300, $"k{i}")]), CancellationToken.None);

            // Far below SQLite's own checkpoint (SqlitePragmas.AutoCheckpointPages): only the background one copies the
            // WAL into the file, so a copy of the file alone (no WAL beside it) holds the plays once it ran.
            var inFile = 0L;
            for (var attempt = 0; attempt < 50 && inFile < 5; attempt++)
            {
                await Task.Delay(SqliteCheckpointer.Interval);
                inFile = await PlaysInTheFileAloneAsync();
            }
            inFile.Should().Be(5, "every committed play is checkpointed within a few intervals");
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    private async Task<long> PlaysInTheFileAloneAsync()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"musicplayer-checkpoint-{Guid.NewGuid():N}.db");
        try
        {
            File.Copy(_infrastructure.Database.Name, copy);
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Plays";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (SqliteException)
        {
            return 0; // copied half-way through a checkpoint
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private Task<List<Task<PlayWriteOutcome>>> QueueWhileTheWriteGateIsHeldAsync(IEnumerable<PlayWrite> writes) =>
        _infrastructure.QueueWhileTheWriteGateIsHeldAsync(writes, w => Services.GetRequiredService<PlayCommitter>().WriteAsync(w, CancellationToken.None));

    private async Task<IReadOnlyList<PlayWriteOutcome>> ApplyAsync(IReadOnlyList<PlayWrite> writes)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var outcomes = await PlayBatch.ApplyAsync(db, scope.ServiceProvider.GetRequiredService<ChartWindowCounters>(), writes, CancellationToken.None);
        await transaction.CommitAsync();
        return outcomes;
    }

    private NewPlay Play(int songId, int seconds, string? key) => new(songId, _now, seconds, key);

    private Task<int> AddUserAsync() => _infrastructure.AddUserAsync("listener", _now);

    private Task<int> AddSongAsync() => _infrastructure.AddSongAsync(_now);
}
