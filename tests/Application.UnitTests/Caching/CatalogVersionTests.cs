using NSubstitute;
using MediatR;
using MusicPlayer.Application.Common.Behaviours;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Application.UnitTests.Caching;

public sealed class CatalogVersionTests
{
    /// <summary>Every request that changes what a catalog list shows; a new one must be added here and marked.</summary>
    private static readonly Type[] Writes =
    [
        typeof(CreateAlbum.Command), typeof(UpdateAlbum.Command), typeof(DeleteAlbum.Command),
        typeof(SetAlbumSong.Command), typeof(RemoveAlbumSong.Command),
        typeof(CreateSong.Command), typeof(UpdateSong.Command), typeof(DeleteSong.Command),
        typeof(LikeSong.Command), typeof(UnlikeSong.Command), typeof(DeleteUser.Command), typeof(RecordPlays.Command),
        typeof(MusicPlayer.Application.Features.Uploads.UploadSong.Command), typeof(MusicPlayer.Application.Features.Uploads.CompleteUploadSession.Command),
        typeof(ReplaceSongAudio.Command), typeof(DeleteSongAudio.Command),
        typeof(MusicPlayer.Application.Features.Covers.PutSongCover.Command), typeof(MusicPlayer.Application.Features.Covers.PutAlbumCover.Command),
    ];

    /// <summary>The writes whose only effect on lists is on like and play counters, which public lists may show up to a second late.</summary>
    private static readonly Type[] CountWrites = [typeof(LikeSong.Command), typeof(UnlikeSong.Command), typeof(RecordPlays.Command)];

    public static readonly TheoryData<Type> CatalogWrites = new(Writes);

    [Fact]
    public void CountsOnlyWrites_AreExactlyLikesAndPlays()
    {
        var marked = typeof(IChangesCatalog).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(IChangesCountsOnly)) && !t.IsInterface);

        marked.Should().BeEquivalentTo(CountWrites, "every other catalog write must be visible in lists on the very next read");
    }

    [Fact]
    public async Task Behaviour_CountsOnlyWrite_MovesCountsButNotEdits()
    {
        var version = new CatalogVersion();
        var behaviour = new CatalogChangeBehaviour<LikeSong.Command, Unit>(version);

        await behaviour.Handle(new LikeSong.Command(1), CancellationToken.None, () => Task.FromResult(Unit.Value));

        version.Counts.Should().Be(1);
        version.Edits.Should().Be(0, "a like must not throw the cached lists away");
        version.Current.Should().Be(1, "exact caches (charts, smart playlists) still follow every change");
    }

    [Fact]
    public async Task Behaviour_UserDeletion_MovesEditsAndCounts()
    {
        var version = new CatalogVersion();
        var behaviour = new CatalogChangeBehaviour<DeleteUser.Command, Unit>(version);

        await behaviour.Handle(new DeleteUser.Command(1), CancellationToken.None, () => Task.FromResult(Unit.Value));

        (version.Edits, version.Counts).Should().Be((1, 1), "deleting a user takes their likes and plays back from the songs' counts");
    }

    [Fact]
    public void UnnamedCountWrites_AreExactlyUserDeletion()
    {
        var marked = typeof(IChangesCatalog).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(IChangesUnnamedCounts)) && !t.IsInterface);

        marked.Should().BeEquivalentTo([typeof(DeleteUser.Command)]);
    }

    [Fact]
    public void CountWrites_NameTheirSongs()
    {
        new LikeSong.Command(7).CountedSongIds().Should().Equal(7);
        new UnlikeSong.Command(8).CountedSongIds().Should().Equal(8);
        new RecordPlays.Command { Plays = [new() { SongId = 3 }, null!, new() { SongId = null }, new() { SongId = 5 }] }
            .CountedSongIds().Should().Equal(3, 5);
        new RecordPlays.Command().CountedSongIds().Should().BeEmpty();
    }

    [Fact]
    public async Task Behaviour_Edit_MovesEditsAndCurrent()
    {
        var version = new CatalogVersion();
        var behaviour = new CatalogChangeBehaviour<DeleteSong.Command, Unit>(version);

        await behaviour.Handle(new DeleteSong.Command(1), CancellationToken.None, () => Task.FromResult(Unit.Value));

        version.Edits.Should().Be(1);
        version.Counts.Should().Be(0);
        version.Current.Should().Be(1);
    }

    [Fact]
    public void Bump_TellsThePeers_Apply_DoesNot()
    {
        var peers = Substitute.For<ICachePeers>();
        var version = new CatalogVersion(peers);

        version.Bump(CatalogChange.Counts);
        version.Apply(CatalogChange.All);

        peers.Received(1).CatalogChanged(CatalogChange.Counts);
        peers.ReceivedWithAnyArgs(1).CatalogChanged(default);
        version.Edits.Should().Be(1);
        version.Counts.Should().Be(2);
        version.Current.Should().Be(3);
    }

    [Theory]
    [MemberData(nameof(CatalogWrites))]
    public void CatalogWrite_IsMarkedAsChangingTheCatalog(Type request) =>
        request.Should().Implement<IChangesCatalog>();

    [Fact]
    public void OtherRequests_AreNotMarked()
    {
        var marked = typeof(IChangesCatalog).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(IChangesCatalog)) && !t.IsInterface);

        marked.Should().BeSubsetOf(Writes, "reads and account changes that do not touch lists must not empty the list cache");
    }

    [Fact]
    public async Task Behaviour_HandlerSucceeds_BumpsTheVersion()
    {
        var version = new CatalogVersion();
        var behaviour = new CatalogChangeBehaviour<DeleteSong.Command, Unit>(version);

        await behaviour.Handle(new DeleteSong.Command(1), CancellationToken.None, () => Task.FromResult(Unit.Value));

        version.Current.Should().Be(1);
    }

    [Fact]
    public async Task Behaviour_HandlerFails_StillBumpsTheVersion()
    {
        var version = new CatalogVersion();
        var behaviour = new CatalogChangeBehaviour<DeleteSong.Command, Unit>(version);

        var act = () => behaviour.Handle(new DeleteSong.Command(1), CancellationToken.None,
            () => Task.FromException<Unit>(new InvalidOperationException("failed after a partial write")));

        await act.Should().ThrowAsync<InvalidOperationException>();
        version.Current.Should().Be(1, "a handler can fail after part of its change was stored");
    }

    [Fact]
    public void ForeignEditsAndCounts_MoveWithChangesAppliedFromElsewhereOnly()
    {
        var version = new CatalogVersion();

        version.Bump(CatalogChange.All);
        (version.ForeignEdits, version.ForeignCounts).Should().Be((0, 0), "this instance's own changes are not foreign");

        version.Apply(CatalogChange.Edits);
        (version.ForeignEdits, version.ForeignCounts).Should().Be((1, 0));
        version.Apply(CatalogChange.Counts);
        (version.ForeignEdits, version.ForeignCounts).Should().Be((1, 1));
        (version.Edits, version.Counts).Should().Be((2, 2));
    }
}
