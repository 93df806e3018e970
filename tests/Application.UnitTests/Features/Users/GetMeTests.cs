using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

/// <summary>GetMe: the caller's own profile.</summary>
public sealed class GetMeTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly FakeCurrentUser _caller = FakeCurrentUser.User(2);

    public GetMeTests()
    {
        _users.Seed(
            TestData.User(username: "alice", email: "alice@example.com", id: 1),
            TestData.User(username: "bob", email: "bob@example.com", firstName: "Bob", lastName: "Builder", id: 2));
    }

    private User Bob => _users.Items.Single(u => u.Id == 2);

    private Task<UserDto> GetMe() => new GetMe.Handler(_users, _caller).Handle(new GetMe.Query(), CancellationToken.None);

    [Fact]
    public async Task GetMe_SignedIn_ReturnsTheCallersFullProfile()
    {
        var result = await GetMe();

        result.Should().BeEquivalentTo(new UserDto
        {
            Id = 2,
            Username = "bob",
            Email = "bob@example.com",
            FirstName = "Bob",
            LastName = "Builder",
            Role = Roles.User,
            CreatedAt = TestData.Now,
            UpdatedAt = TestData.Now,
        });
    }

    [Fact]
    public async Task GetMe_AccountDeleted_ThrowsUnauthenticated()
    {
        _users.Remove(Bob);
        await _users.SaveChangesAsync();

        var act = GetMe;

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }
}
