using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Persistence;

/// <summary>
/// The group commit of likes on SQLite (always SQLite: it is the SQLite write path), on the real infrastructure and
/// a migrated database: a batch gives each write the outcome it would have had alone, in arrival order, and keeps
/// every counter equal to its rows; writes queued together share one transaction; and a batch that fails as a whole
/// fails only the write that breaks it.
/// </summary>
public sealed class LikeGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    // The driver's own retries of a locked database stop after 2 s instead of 30 (the transient failure test waits for them).
    private readonly SqliteInfrastructure _infrastructure = new(";Default Timeout=2");

    private ServiceProvider Services => _infrastructure.Services;

    public Task InitializeAsync() => _infrastructure.InitializeAsync();

    public async Task DisposeAsync() => await _infrastructure.DisposeAsync();

    [Fact]
    public async Task Batch_GivesEachWriteItsOwnOutcomeInArrivalOrder_AndCountersEqualRows()
    {
        var (ann, bob) = (await AddUserAsync(), await AddUserAsync());
        var (a, b, c) = (await AddSongAsync(), await AddSongAsync(), await AddSongAsync());
        Apply([Like(ann, a, 0)]);

        var outcomes = Apply(
        [
            Like(ann, a, 1), Unlike(ann, a), Like(ann, a, 3),
            Like(bob, b, 4), Unlike(bob, b), Like(bob, b, 6), Like(bob, b, 7),
            Unlike(bob, c),
            Like(bob, 999_999, 9),
            Like(999_999, a, 10),
        ]);

        outcomes.Should().Equal(
            LikeWriteOutcome.Unchanged, LikeWriteOutcome.Changed, LikeWriteOutcome.Changed,
            LikeWriteOutcome.Changed, LikeWriteOutcome.Changed, LikeWriteOutcome.Changed, LikeWriteOutcome.Unchanged,
            LikeWriteOutcome.Unchanged,
            LikeWriteOutcome.NoSuchSong,
            LikeWriteOutcome.NoSuchUser);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var rows = await db.UserLikes.OrderBy(l => l.UserId).Select(l => new { l.UserId, l.SongId, l.LikedAt }).ToListAsync();
        rows.Should().Equal([new { UserId = ann, SongId = a, LikedAt = Start.AddSeconds(3) }, new { UserId = bob, SongId = b, LikedAt = Start.AddSeconds(6) }],
            "each pair ends as its last write left it, a row re-liked in the batch carrying the time of that like");
        (await CountersAsync(db)).Should().Equal(new Dictionary<int, (int, int)> { [a] = (1, 1), [b] = (1, 1), [c] = (0, 0) });
    }

    [Fact]
    public async Task Batch_StoresTheLikeTime_AsTheTextEfCoreWritesAndReads()
    {
        var (user, song) = (await AddUserAsync(), await AddSongAsync());
        var at = Start.AddTicks(1_234_500);

        Apply([new LikeWrite(user, song, LikeChange.Like, at)]);

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var stored = await db.Database.SqlQuery<string>($@"SELECT ""LikedAt"" AS ""Value"" FROM ""UserLikes""").SingleAsync();
        stored.Should().Be(await db.Database.SqlQuery<string>($@"SELECT {at} AS ""Value""").SingleAsync(),
            "times compare as text in SQL, so every writer must store them alike");
        (await db.UserLikes.Select(l => l.LikedAt).SingleAsync()).Should().Be(at);
    }

    [Fact]
    public async Task Committer_WritesQueuedWhileATransactionRuns_ShareTheNextTransaction()
    {
        var users = new List<int>();
        for (var i = 0; i < 10; i++) users.Add(await AddUserAsync());
        var songs = new List<int>();
        for (var i = 0; i < 5; i++) songs.Add(await AddSongAsync());
        var committer = Services.GetRequiredService<LikeCommitter>();
        var before = committer.CommittedBatches;

        var outcomes = await Task.WhenAll(await QueueWhileTheWriteGateIsHeldAsync(users.SelectMany(u => songs.Select(s => Like(u, s, 0)))));

        outcomes.Should().HaveCount(50).And.OnlyContain(o => o == LikeWriteOutcome.Changed);
        (committer.CommittedBatches - before).Should().BeInRange(1, 2,
            "the loop takes at most the first write before it waits for the gate; every later one joins the next transaction");
        await using var scope = Services.CreateAsyncScope();
        (await CountersAsync(scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>())).Values
            .Should().Equal(Enumerable.Repeat((10, 10), songs.Count), "every song has a like from each of the ten users");
    }

    [Fact]
    public async Task Committer_WhenDisposed_ClosesTheConnectionItKeepsOpen()
    {
        var (user, song) = (await AddUserAsync(), await AddSongAsync());
        var committer = Services.GetRequiredService<LikeCommitter>();
        (await committer.WriteAsync(Like(user, song, 0), CancellationToken.None)).Should().Be(LikeWriteOutcome.Changed);

        await committer.DisposeAsync();

        SqliteConnection.ClearAllPools();
        await using var only = new SqliteConnection(_infrastructure.Database.ConnectionString + ";Pooling=False");
        await only.OpenAsync();
        await using var leaveWal = only.CreateCommand();
        leaveWal.CommandText = "PRAGMA journal_mode=DELETE";
        (await leaveWal.ExecuteScalarAsync()).Should().Be("delete", "SQLite leaves WAL mode only when no other connection has the database open");
    }

    [Fact]
    public async Task Committer_WhenABatchFailsAsAWhole_AnswersTheOthersAndFailsOnlyTheWriteThatBreaksIt()
    {
        var user = await AddUserAsync();
        var songs = new List<int>();
        for (var i = 0; i < 4; i++) songs.Add(await AddSongAsync());
        var broken = songs[2];
        // A stand-in for a failure only one write meets: the database refuses a like of this song.
        var refuse = $"CREATE TRIGGER refuse_like BEFORE INSERT ON UserLikes WHEN NEW.SongId = {broken} BEGIN SELECT RAISE(ABORT, 'refused'); END";
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database.ExecuteSqlRawAsync(refuse);

        var writes = await QueueWhileTheWriteGateIsHeldAsync(songs.Select(s => Like(user, s, 0)));

        for (var i = 0; i < songs.Count; i++)
        {
            if (songs[i] == broken)
                await writes[i].Invoking(w => w).Should().ThrowAsync<SqliteException>().WithMessage("*refused*");
            else
                (await writes[i]).Should().Be(LikeWriteOutcome.Changed, $"song {songs[i]}'s like does not depend on song {broken}'s");
        }
        await using var check = Services.CreateAsyncScope();
        (await CountersAsync(check.ServiceProvider.GetRequiredService<MusicPlayerDbContext>())).Should().Equal(
            songs.ToDictionary(s => s, s => s == broken ? (0, 0) : (1, 1)));
    }

    [Fact]
    public async Task Committer_WhenTheDatabaseStaysLocked_FailsTheBatchAsTransientWithoutRetryingEachWrite()
    {
        var user = await AddUserAsync();
        var songs = new List<int>();
        for (var i = 0; i < 6; i++) songs.Add(await AddSongAsync());
        await using var other = new SqliteConnection(_infrastructure.Database.ConnectionString + ";Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            // Another process's write transaction, held longer than the busy timeout (5 s).
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();

        var writes = await QueueWhileTheWriteGateIsHeldAsync(songs.Select(s => Like(user, s, 0)));

        foreach (var write in writes)
            (await write.Invoking(w => w).Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(25),
            "at most two batches wait out the busy timeout; retrying the writes one by one would wait five more times");
        var detector = Services.GetRequiredService<Application.Common.Errors.ITransientFailureDetector>();
        detector.IsTransient(writes[^1].Exception!).Should().BeTrue("the callers hear 503 with Retry-After");
        await using var rollback = other.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync();
        await using var scope = Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().UserLikes.CountAsync()).Should().Be(0);
    }

    private Task<List<Task<LikeWriteOutcome>>> QueueWhileTheWriteGateIsHeldAsync(IEnumerable<LikeWrite> writes) =>
        _infrastructure.QueueWhileTheWriteGateIsHeldAsync(writes, w => Services.GetRequiredService<LikeCommitter>().WriteAsync(w, CancellationToken.None));

    private IReadOnlyList<LikeWriteOutcome> Apply(IReadOnlyList<LikeWrite> writes)
    {
        using var batch = new LikeBatch(_infrastructure.Database.ConnectionString);
        return batch.Apply(writes);
    }

    private static async Task<Dictionary<int, (int Counter, int Rows)>> CountersAsync(MusicPlayerDbContext db) =>
        (await db.Songs.Select(s => new { s.Id, s.LikeCount, Rows = db.UserLikes.Count(l => l.SongId == s.Id) }).ToListAsync())
        .ToDictionary(s => s.Id, s => (s.LikeCount, s.Rows));

    private static LikeWrite Like(int userId, int songId, int second) => new(userId, songId, LikeChange.Like, Start.AddSeconds(second));

    private static LikeWrite Unlike(int userId, int songId) => new(userId, songId, LikeChange.Unlike, default);

    private Task<int> AddUserAsync() => _infrastructure.AddUserAsync("liker", Start);

    private Task<int> AddSongAsync() => _infrastructure.AddSongAsync(Start);
}
