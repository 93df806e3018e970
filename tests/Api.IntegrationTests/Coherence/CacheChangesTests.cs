using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Infrastructure.Caching;

namespace MusicPlayer.Api.IntegrationTests.Coherence;

/// <summary>What an instance collects to tell the others, and the messages it sends them.</summary>
public sealed class CacheChangesTests
{
    [Fact]
    public async Task Pending_ABurstOfChanges_IsTakenAsOneBatch()
    {
        var pending = new PendingCacheChanges();
        for (var i = 0; i < 1000; i++) pending.CatalogChanged(CatalogChange.Counts);
        pending.CatalogChanged(CatalogChange.Edits);
        pending.CatalogChanged(CatalogChange.Playlists);
        pending.SessionChanged(7);
        pending.SessionChanged(7);
        pending.SessionChanged(8);

        var batch = await pending.TakeAsync(CancellationToken.None);

        batch.Catalog.Should().Be(CatalogChange.All);
        batch.Users.Should().BeEquivalentTo([7, 8]);
        pending.TryTake().Should().BeNull("the batch took everything");
    }

    [Fact]
    public async Task Pending_ChangeAfterTheBatchWasTaken_WaitsForTheNextOne()
    {
        var pending = new PendingCacheChanges();
        pending.SessionChanged(7);
        await pending.TakeAsync(CancellationToken.None);

        var next = pending.TakeAsync(CancellationToken.None);
        next.IsCompleted.Should().BeFalse("nothing is pending");
        pending.CatalogChanged(CatalogChange.Edits);

        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Catalog.Should().Be(CatalogChange.Edits);
    }

    [Fact]
    public async Task Pending_ReturnedBatch_GoesWithTheNext()
    {
        var pending = new PendingCacheChanges();
        pending.SessionChanged(7);
        var failed = await pending.TakeAsync(CancellationToken.None);

        pending.CatalogChanged(CatalogChange.Counts);
        pending.Return(failed);

        var batch = await pending.TakeAsync(CancellationToken.None);
        batch.Catalog.Should().Be(CatalogChange.Counts);
        batch.Users.Should().Equal(7);
    }

    [Fact]
    public void Messages_RoundTrip_WithSenderAndChanges()
    {
        var message = new CacheChanges(CatalogChange.Edits, [3, 42]).ToMessages("me").Single();

        var (sender, changes) = CacheChanges.Parse(message)!.Value;

        sender.Should().Be("me");
        changes.Catalog.Should().Be(CatalogChange.Edits);
        changes.Users.Should().Equal(3, 42);
    }

    [Fact]
    public void Messages_ManyUsers_AreSplitUnderPostgreSqlsPayloadLimit_CatalogChangeOnce()
    {
        var users = Enumerable.Range(int.MaxValue - 1200, 1200).ToArray();

        var messages = new CacheChanges(CatalogChange.Counts, users).ToMessages(Guid.NewGuid().ToString("N")).ToList();

        messages.Should().HaveCount(3).And.OnlyContain(m => System.Text.Encoding.UTF8.GetByteCount(m) < 8000);
        var parsed = messages.Select(m => CacheChanges.Parse(m)!.Value.Changes).ToList();
        parsed.SelectMany(c => c.Users).Should().Equal(users);
        parsed.Select(c => c.Catalog).Should().Equal(CatalogChange.Counts, 0, 0);
    }

    [Fact]
    public void Message_OfAPlaylistWrite_RoundTrips()
    {
        var message = new CacheChanges(CatalogChange.Playlists, []).ToMessages("me").Single();

        CacheChanges.Parse(message)!.Value.Changes.Catalog.Should().Be(CatalogChange.Playlists);
    }

    [Theory]
    [InlineData("")]
    [InlineData("me|1")]
    [InlineData("me|8|")]
    [InlineData("me|-1|")]
    [InlineData("me|1|7,x")]
    [InlineData("me|1|-7")]
    public void Parse_NotOurMessage_IsNull(string message) =>
        CacheChanges.Parse(message).Should().BeNull();
}
