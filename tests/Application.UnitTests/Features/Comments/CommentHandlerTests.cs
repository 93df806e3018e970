using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Comments;

public sealed class CommentHandlerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly InMemoryRepository<Comment> _comments = new();
    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly User _alice = TestData.User(id: 7);
    private readonly User _bob = TestData.User(username: "bob", email: "bob@example.com", id: 8);

    public CommentHandlerTests()
    {
        _users.Seed(_alice, _bob, TestData.Admin(id: 1));
        _songs.Seed(TestData.Song(id: 3));
    }

    private Task<CommentDto> Post(FakeCurrentUser caller, string body, int songId = 3, int limit = 10) =>
        new PostComment.Handler(new InMemoryCommentStore(_comments, _users, _songs, new CommentLimit(limit)), _comments, caller, _clock)
            .Handle(new PostComment.Command(songId, new CommentInput(body)), CancellationToken.None);

    [Fact]
    public async Task Post_StoresTheTrimmedBodyAsTheCallers()
    {
        var dto = await Post(FakeCurrentUser.User(7), "  Nice  ");

        dto.Should().BeEquivalentTo(new CommentDto(dto.Id, "Nice", new CommentAuthorDto(7, "alice"), TestData.Now, TestData.Now));
        _comments.Items.Should().ContainSingle().Which.AuthorId.Should().Be(7);
    }

    [Fact]
    public async Task Post_UnknownSong_ThrowsNotFound()
    {
        var act = () => Post(FakeCurrentUser.User(7), "Hi", songId: 404);

        await act.Should().ThrowAsync<NotFoundException>();
        _comments.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_OverTheLimit_ThrowsTooManyRequestsUntilTheOldestLeavesTheWindow()
    {
        await Post(FakeCurrentUser.User(7), "one", limit: 2);
        _clock.Advance(TimeSpan.FromSeconds(20));
        await Post(FakeCurrentUser.User(7), "two", limit: 2);

        var act = () => Post(FakeCurrentUser.User(7), "three", limit: 2);

        (await act.Should().ThrowAsync<TooManyRequestsException>()).Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(40));
        await Post(FakeCurrentUser.User(8), "bob is not limited by alice", limit: 2);
        _clock.Advance(TimeSpan.FromSeconds(40));
        await Post(FakeCurrentUser.User(7), "three", limit: 2);
    }

    [Fact]
    public async Task Update_ByAuthor_ChangesBodyAndUpdatedAt()
    {
        _comments.Seed(TestData.Comment(3, _alice, "Frist", id: 5));
        _clock.Advance(TimeSpan.FromMinutes(2));

        var dto = await new UpdateComment.Handler(_comments, FakeCurrentUser.User(7), _clock)
            .Handle(new UpdateComment.Command(5, new CommentInput("First")), CancellationToken.None);

        dto.Body.Should().Be("First");
        dto.UpdatedAt.Should().Be(TestData.Minutes(2));
        _comments.Items.Single().Body.Should().Be("First");
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(1, true)]
    public async Task Update_BySomeoneElseEvenAnAdmin_ThrowsForbidden(int callerId, bool admin)
    {
        _comments.Seed(TestData.Comment(3, _alice, "Mine", id: 5));
        var caller = admin ? FakeCurrentUser.Admin(callerId) : FakeCurrentUser.User(callerId);

        var act = () => new UpdateComment.Handler(_comments, caller, _clock)
            .Handle(new UpdateComment.Command(5, new CommentInput("Theirs")), CancellationToken.None);

        await act.Should().ThrowAsync<ForbiddenException>();
        _comments.Items.Single().Body.Should().Be("Mine");
    }

    [Fact]
    public async Task Delete_ByAdmin_RemovesIt_ByAnotherUser_ThrowsForbidden()
    {
        _comments.Seed(TestData.Comment(3, _alice, "Mine", id: 5));

        var byBob = () => new DeleteComment.Handler(_comments, FakeCurrentUser.User(8)).Handle(new DeleteComment.Command(5), CancellationToken.None);
        await byBob.Should().ThrowAsync<ForbiddenException>();
        _comments.Items.Should().ContainSingle();

        await new DeleteComment.Handler(_comments, FakeCurrentUser.Admin(1)).Handle(new DeleteComment.Command(5), CancellationToken.None);
        _comments.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_NewestFirst_UnknownSongThrowsNotFound()
    {
        _comments.Seed(TestData.Comment(3, _alice, "old", createdAt: TestData.Now, id: 1), TestData.Comment(3, _bob, "new", createdAt: TestData.Minutes(1), id: 2),
            TestData.Comment(4, _bob, "elsewhere", id: 3));
        var handler = new ListSongComments.Handler(_songs, _comments);

        var page = await handler.Handle(new ListSongComments.Query(3), CancellationToken.None);

        page.Items.Select(c => c.Body).Should().Equal("new", "old");
        page.TotalCount.Should().Be(2);
        var unknown = () => handler.Handle(new ListSongComments.Query(404), CancellationToken.None);
        await unknown.Should().ThrowAsync<NotFoundException>();
    }
}
