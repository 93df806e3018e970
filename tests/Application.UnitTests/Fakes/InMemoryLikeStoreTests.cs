using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>The like store fake keeps rows and counters together, as the real store's transaction does.</summary>
public sealed class InMemoryLikeStoreTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryLikeStore _store;

    public InMemoryLikeStoreTests()
    {
        _store = new InMemoryLikeStore(_songs, _likes);
        _songs.Seed(TestData.Song(id: 1), TestData.Song(id: 2));
    }

    [Fact]
    public async Task LikeAsync_NewLike_StoresALinkedRowAndCountsIt()
    {
        var added = await _store.LikeAsync(7, 1, TestData.Minutes(3), CancellationToken.None);

        added.Should().BeTrue();
        var like = _likes.Items.Should().ContainSingle().Subject;
        (like.UserId, like.SongId, like.LikedAt).Should().Be((7, 1, TestData.Minutes(3)));
        like.Song.Should().BeSameAs(_songs.Items[0]);
        _songs.Items.Select(s => s.LikeCount).Should().Equal(1, 0);
    }

    [Fact]
    public async Task LikeAsync_Twice_KeepsOneRowAndReportsFalse()
    {
        await _store.LikeAsync(7, 1, TestData.Now, CancellationToken.None);

        var added = await _store.LikeAsync(7, 1, TestData.Minutes(1), CancellationToken.None);

        added.Should().BeFalse();
        _likes.Items.Should().ContainSingle().Which.LikedAt.Should().Be(TestData.Now);
        _songs.Items[0].LikeCount.Should().Be(1);
    }

    [Fact]
    public async Task UnlikeAsync_ExistingLike_RemovesItAndUncounts()
    {
        await _store.LikeAsync(7, 1, TestData.Now, CancellationToken.None);
        await _store.LikeAsync(8, 1, TestData.Now, CancellationToken.None);

        var removed = await _store.UnlikeAsync(7, 1, CancellationToken.None);

        removed.Should().BeTrue();
        _likes.Items.Should().ContainSingle().Which.UserId.Should().Be(8);
        _songs.Items[0].LikeCount.Should().Be(1);
    }

    [Fact]
    public async Task UnlikeAsync_NoLike_ReportsFalseAndChangesNothing()
    {
        (await _store.UnlikeAsync(7, 1, CancellationToken.None)).Should().BeFalse();

        _songs.Items[0].LikeCount.Should().Be(0);
        _likes.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task LikeAsync_MissingSong_ThrowsNotFoundAndStoresNothing()
    {
        var act = () => _store.LikeAsync(7, 99, TestData.Now, CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 99 was not found.");
        _likes.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task UnlikeAsync_MissingSong_ThrowsNotFound()
    {
        var act = () => _store.UnlikeAsync(7, 99, CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 99 was not found.");
    }
}
