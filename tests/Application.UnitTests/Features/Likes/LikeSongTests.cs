using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Likes;

/// <summary>LikeSong and UnlikeSong: idempotent toggles whose counters always equal the rows.</summary>
public sealed class LikeSongTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryLikeStore _store;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly RecordingServiceMetrics _metrics = new();

    public LikeSongTests()
    {
        _store = new InMemoryLikeStore(_songs, _likes);
        _songs.Seed(TestData.Song(id: 1), TestData.Song(title: "Blue in Green", id: 2));
    }

    private Task Like(int userId, int songId) =>
        new LikeSong.Handler(_store, FakeCurrentUser.User(userId), _clock, _metrics).Handle(new LikeSong.Command(songId), CancellationToken.None);

    private Task Unlike(int userId, int songId) =>
        new UnlikeSong.Handler(_store, FakeCurrentUser.User(userId), _metrics).Handle(new UnlikeSong.Command(songId), CancellationToken.None);

    private Song Song(int id) => _songs.Items.Single(s => s.Id == id);

    private void CountsShouldEqualRows()
    {
        foreach (var song in _songs.Items)
            song.LikeCount.Should().Be(_likes.Items.Count(l => l.SongId == song.Id), $"song {song.Id}'s count must match its rows");
    }

    // LikeSong

    [Fact]
    public async Task Like_NewLike_StoresTheCallersLikeAtTheCurrentTime()
    {
        _clock.Advance(TimeSpan.FromMinutes(42));

        await Like(7, 2);

        var like = _likes.Items.Should().ContainSingle().Subject;
        (like.UserId, like.SongId, like.LikedAt).Should().Be((7, 2, TestData.Minutes(42)));
        Song(2).LikeCount.Should().Be(1);
        Song(1).LikeCount.Should().Be(0);
    }

    [Fact]
    public async Task Like_Twice_KeepsOneLikeWithTheFirstTime()
    {
        await Like(7, 1);
        _clock.Advance(TimeSpan.FromHours(1));

        await Like(7, 1);

        _likes.Items.Should().ContainSingle().Which.LikedAt.Should().Be(TestData.Now);
        Song(1).LikeCount.Should().Be(1);
    }

    [Fact]
    public async Task Like_ByThreeUsers_CountsThree()
    {
        await Like(7, 1);
        await Like(8, 1);
        await Like(9, 1);

        Song(1).LikeCount.Should().Be(3);
        CountsShouldEqualRows();
    }

    [Fact]
    public async Task Like_MissingSong_ThrowsNotFoundAndStoresNothing()
    {
        var act = () => Like(7, 99);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 99 was not found.");
        _likes.Items.Should().BeEmpty();
    }

    // UnlikeSong

    [Fact]
    public async Task Unlike_LikedSong_RemovesOnlyTheCallersLike()
    {
        await Like(7, 1);
        await Like(8, 1);
        await Like(7, 2);

        await Unlike(7, 1);

        _likes.Items.Select(l => (l.UserId, l.SongId)).Should().BeEquivalentTo([(8, 1), (7, 2)]);
        Song(1).LikeCount.Should().Be(1);
        Song(2).LikeCount.Should().Be(1);
    }

    [Fact]
    public async Task Unlike_SongNotLiked_IsFineAndCountsStay()
    {
        await Like(8, 1);

        var act = () => Unlike(7, 1);

        await act.Should().NotThrowAsync();
        Song(1).LikeCount.Should().Be(1);
        _likes.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Unlike_Twice_NeverCountsBelowZero()
    {
        await Like(7, 1);

        await Unlike(7, 1);
        await Unlike(7, 1);

        Song(1).LikeCount.Should().Be(0);
        _likes.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Unlike_MissingSong_ThrowsNotFound()
    {
        var act = () => Unlike(7, 99);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 99 was not found.");
    }

    [Fact]
    public async Task LikeAndUnlike_AnySequence_KeepsEveryCountEqualToItsRows()
    {
        (bool Like, int User, int Song)[] steps =
        [
            (true, 1, 1), (true, 2, 1), (true, 1, 1), (true, 1, 2), (false, 3, 1), (false, 2, 1),
            (true, 3, 2), (false, 2, 1), (true, 2, 2), (false, 1, 1), (true, 1, 1),
        ];

        foreach (var (like, user, song) in steps)
        {
            if (like) await Like(user, song);
            else await Unlike(user, song);
            CountsShouldEqualRows();
        }

        Song(1).LikeCount.Should().Be(1);
        Song(2).LikeCount.Should().Be(3);
    }

    // Metrics

    [Fact]
    public async Task LikeAndUnlike_CountOnlyWhatChanged()
    {
        await Like(7, 1);
        await Like(7, 1);
        await Unlike(7, 1);
        await Unlike(7, 1);
        await Unlike(7, 2);

        _metrics.Likes.Should().Equal(LikeChange.Like, LikeChange.Unlike);
    }
}
