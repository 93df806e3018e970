using FluentValidation.TestHelper;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Likes;

public sealed class ListMyLikesTests
{
    private const int Caller = 7;

    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryLikeStore _store;

    public ListMyLikesTests()
    {
        _store = new InMemoryLikeStore(_songs, _likes);
        for (var id = 1; id <= 5; id++) _songs.Seed(TestData.Song(title: $"Song {id}", id: id));
    }

    private Task LikeAt(int userId, int songId, int minute) =>
        _store.LikeAsync(userId, songId, TestData.Minutes(minute), CancellationToken.None);

    private Task<PagedResult<LikedSongDto>> Handle(ListMyLikes.Query? query = null, int caller = Caller) =>
        new ListMyLikes.Handler(_likes, FakeCurrentUser.User(caller), FakeSongUrls.Instance).Handle(query ?? new ListMyLikes.Query(), CancellationToken.None);

    [Fact]
    public async Task Handle_SeveralLikes_ListsThemNewestFirstWithLikedAt()
    {
        await LikeAt(Caller, 2, 10);
        await LikeAt(Caller, 5, 30);
        await LikeAt(Caller, 1, 20);

        var result = await Handle();

        result.Items.Select(i => (i.Id, i.LikedAt)).Should().Equal((5, TestData.Minutes(30)), (1, TestData.Minutes(20)), (2, TestData.Minutes(10)));
        result.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task Handle_LikedSong_CarriesTheSongsFieldsAndCurrentLikeCount()
    {
        _songs.Seed(TestData.Song(title: "Naima", artist: "John Coltrane", duration: 261, fileUrl: "https://cdn.example.com/naima.mp3",
            createdAt: TestData.Minutes(-60), id: 6));
        await LikeAt(8, 6, 1);
        await LikeAt(Caller, 6, 2);

        var item = (await Handle()).Items.Should().ContainSingle().Subject;

        item.Should().BeEquivalentTo(new LikedSongDto
        {
            Id = 6,
            Title = "Naima",
            Artist = "John Coltrane",
            Genre = "Jazz",
            FileUrl = "https://cdn.example.com/naima.mp3",
            Duration = 261,
            LikeCount = 2,
            CreatedAt = TestData.Minutes(-60),
            UpdatedAt = TestData.Minutes(-60),
            LikedAt = TestData.Minutes(2),
        });
    }

    [Fact]
    public async Task Handle_OthersLikes_AreNotListed()
    {
        await LikeAt(Caller, 1, 1);
        await LikeAt(8, 2, 2);
        await LikeAt(9, 3, 3);

        var result = await Handle();

        result.Items.Ids().Should().Equal(1);
        result.TotalCount.Should().Be(1);
    }

    [Fact]
    public async Task Handle_NoLikes_ReturnsAnEmptyPage()
    {
        await LikeAt(8, 1, 1);

        var result = await Handle();

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(0);
        result.TotalPages.Should().Be(0);
    }

    [Fact]
    public async Task Handle_SameLikedAt_NewerSongIdFirst()
    {
        await LikeAt(Caller, 2, 5);
        await LikeAt(Caller, 4, 5);
        await LikeAt(Caller, 3, 5);

        (await Handle()).Items.Ids().Should().Equal(4, 3, 2);
    }

    [Fact]
    public async Task Handle_Pages_SplitTheNewestFirstListWithTotals()
    {
        for (var id = 1; id <= 5; id++) await LikeAt(Caller, id, id);

        var first = await Handle(new ListMyLikes.Query { Page = 1, PageSize = 2 });
        var second = await Handle(new ListMyLikes.Query { Page = 2, PageSize = 2 });
        var third = await Handle(new ListMyLikes.Query { Page = 3, PageSize = 2 });
        var beyond = await Handle(new ListMyLikes.Query { Page = 4, PageSize = 2 });

        first.Items.Ids().Should().Equal(5, 4);
        second.Items.Ids().Should().Equal(3, 2);
        third.Items.Ids().Should().Equal(1);
        beyond.Items.Should().BeEmpty();
        new[] { first, second, third, beyond }.Should().OnlyContain(p => p.TotalCount == 5 && p.TotalPages == 3 && p.PageSize == 2);
    }

    [Fact]
    public async Task Handle_AfterUnlike_TheSongIsGone()
    {
        await LikeAt(Caller, 1, 1);
        await LikeAt(Caller, 2, 2);

        await _store.UnlikeAsync(Caller, 2, CancellationToken.None);

        (await Handle()).Items.Ids().Should().Equal(1);
    }

    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        new ListMyLikes.Validator().TestValidate(new ListMyLikes.Query()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_PageBelowOne_HasPageError()
    {
        new ListMyLikes.Validator().TestValidate(new ListMyLikes.Query { Page = 0 })
            .ShouldHaveValidationErrorFor(q => q.Page).WithErrorMessage("'page' must be 1 or more.").Only();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validate_PageSizeOutOfRange_HasPageSizeError(int pageSize)
    {
        new ListMyLikes.Validator().TestValidate(new ListMyLikes.Query { PageSize = pageSize })
            .ShouldHaveValidationErrorFor(q => q.PageSize).WithErrorMessage("'pageSize' must be between 1 and 100.").Only();
    }
}
