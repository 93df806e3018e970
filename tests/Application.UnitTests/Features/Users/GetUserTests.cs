using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class GetUserTests
{
    private static readonly DateTime Updated = TestData.Now.AddDays(3);

    private readonly InMemoryRepository<User> _users = new();

    public GetUserTests()
    {
        var bob = TestData.User(username: "bob", email: "bob@example.com", firstName: "Bob", lastName: "Builder", id: 2);
        bob.SetProfile("bob", "bob@example.com", "Bob", "Builder", Updated);
        _users.Seed(TestData.User(id: 1), bob, TestData.Admin(id: 3));
    }

    private Task<UserProfileDto> Handle(int id, FakeCurrentUser caller) =>
        new GetUser.Handler(_users, caller).Handle(new GetUser.Query(id), CancellationToken.None);

    private static UserProfileDto FullBob => new()
    {
        Id = 2,
        Username = "bob",
        FirstName = "Bob",
        LastName = "Builder",
        CreatedAt = TestData.Now,
        Email = "bob@example.com",
        Role = Roles.User,
        UpdatedAt = Updated,
    };

    [Fact]
    public async Task Handle_OwnRecord_IncludesEmailRoleAndUpdatedAt()
    {
        var result = await Handle(2, FakeCurrentUser.User(2));

        result.Should().BeEquivalentTo(FullBob);
    }

    [Fact]
    public async Task Handle_AdminReadingAnotherUser_IncludesEmailRoleAndUpdatedAt()
    {
        var result = await Handle(2, FakeCurrentUser.Admin(3));

        result.Should().BeEquivalentTo(FullBob);
    }

    [Fact]
    public async Task Handle_OtherUser_GetsThePublicProfileOnly()
    {
        var result = await Handle(2, FakeCurrentUser.User(1));

        result.Should().BeEquivalentTo(FullBob with { Email = null, Role = null, UpdatedAt = null });
    }

    [Fact]
    public async Task Handle_UserReadingAnAdmin_DoesNotLearnTheRole()
    {
        var result = await Handle(3, FakeCurrentUser.User(1));

        result.Username.Should().Be("root");
        result.Role.Should().BeNull();
        result.Email.Should().BeNull();
    }

    [Theory]
    [InlineData(9)]
    [InlineData(0)]
    public async Task Handle_UnknownId_ThrowsNotFound(int id)
    {
        var act = () => Handle(id, FakeCurrentUser.Admin(3));

        await act.Should().ThrowAsync<NotFoundException>().WithMessage($"User {id} was not found.");
    }
}
