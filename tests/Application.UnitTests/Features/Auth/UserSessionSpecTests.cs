using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

/// <summary>The session every authenticated request checks: role and session version, read by UserSessionSpec.</summary>
public sealed class UserSessionSpecTests
{
    private readonly InMemoryRepository<User> _users = new();

    public UserSessionSpecTests()
    {
        _users.Seed(
            TestData.User(username: "alice", email: "alice@example.com", id: 1),
            TestData.User(username: "bob", email: "bob@example.com", firstName: "Bob", lastName: "Builder", id: 2));
    }

    private User Bob => _users.Items.Single(u => u.Id == 2);

    [Fact]
    public async Task UserSessionSpec_KnownUser_ReadsRoleAndSessionVersion()
    {
        Bob.SetRole(Roles.Admin, TestData.Now);
        Bob.ChangePassword("hashed:new", TestData.Now);

        var session = await _users.FirstOrDefaultAsync(new UserSessionSpec(2));

        session.Should().Be(new UserSession(Roles.Admin, 2));
    }

    [Fact]
    public async Task UserSessionSpec_UnknownUser_ReadsNothing()
    {
        (await _users.FirstOrDefaultAsync(new UserSessionSpec(9))).Should().BeNull();
    }
}
