using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class DeleteUserTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryPlayStore _plays = new();

    private Task Handle(int id) =>
        new DeleteUser.Handler(_users, new InMemoryLikeStore(_songs, _likes), _plays, new ImmediateAdminChangeLock()).Handle(new DeleteUser.Command(id), CancellationToken.None);

    [Fact]
    public async Task Handle_UserWithLikes_RemovesTheLikesFromTheSongsCounts()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2), TestData.User(username: "bob", email: "bob@example.com", id: 3));
        _songs.Seed(TestData.Song(id: 10), TestData.Song(id: 11));
        var store = new InMemoryLikeStore(_songs, _likes);
        await store.LikeAsync(2, 10, DateTime.UtcNow, CancellationToken.None);
        await store.LikeAsync(2, 11, DateTime.UtcNow, CancellationToken.None);
        await store.LikeAsync(3, 11, DateTime.UtcNow, CancellationToken.None);

        await Handle(2);

        _likes.Items.Should().ContainSingle().Which.UserId.Should().Be(3);
        _songs.Items.Select(s => s.LikeCount).Should().Equal(0, 1);
    }

    [Fact]
    public async Task Handle_UserWithPlays_RemovesOnlyTheirPlays()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2), TestData.User(username: "bob", email: "bob@example.com", id: 3));
        await _plays.RecordAsync(2, [new(10, DateTime.UtcNow, 200, "a"), new(11, DateTime.UtcNow, 200, null)], CancellationToken.None);
        await _plays.RecordAsync(3, [new(10, DateTime.UtcNow, 200, "a")], CancellationToken.None);

        await Handle(2);

        _plays.Plays.Should().ContainSingle().Which.UserId.Should().Be(3);
    }

    [Fact]
    public async Task Handle_User_RemovesOnlyThem()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2), TestData.User(username: "bob", email: "bob@example.com", id: 3));

        await Handle(2);

        _users.Items.Select(u => u.Id).Should().Equal(1, 3);
    }

    [Fact]
    public async Task Handle_TheLastAdmin_ThrowsConflictAndKeepsThem()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2));

        var act = () => Handle(1);

        await act.Should().ThrowAsync<ConflictException>().WithMessage("This is the last admin; make another user admin first.");
        _users.Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task Handle_OneOfTwoAdmins_RemovesThemAndTheOtherBecomesTheLast()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.Admin(username: "root2", email: "root2@example.com", id: 2));

        await Handle(1);
        var act = () => Handle(2);

        _users.Items.Select(u => u.Id).Should().Equal(2);
        await act.Should().ThrowAsync<ConflictException>();
        _users.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFound()
    {
        _users.Seed(TestData.Admin(id: 1));

        var act = () => Handle(9);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("User 9 was not found.");
        _users.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_SameIdTwice_SecondThrowsNotFound()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2));
        await Handle(2);

        var act = () => Handle(2);

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
