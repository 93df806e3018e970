using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class UpdateUserTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));

    public UpdateUserTests()
    {
        _users.Seed(
            TestData.User(username: "alice", email: "alice@example.com", id: 1),
            TestData.User(username: "bob", email: "bob@example.com", id: 2));
    }

    private User Bob => _users.Items.Single(u => u.Id == 2);

    private Task<UserDto> Handle(int id, UpdateUser.UserInput input) =>
        new UpdateUser.Handler(_users, _clock).Handle(new UpdateUser.Command(id, input), CancellationToken.None);

    [Fact]
    public async Task Handle_NewValues_ChangesProfileAndEmailButNotRoleOrPassword()
    {
        _clock.Advance(TimeSpan.FromHours(5));

        var result = await Handle(2, TestData.UserInput(username: " robert ", email: " Robert@Example.org ", firstName: "Robert", lastName: "B"));

        result.Should().BeEquivalentTo(new UserDto
        {
            Id = 2, Username = "robert", Email = "Robert@Example.org", FirstName = "Robert", LastName = "B",
            Role = Roles.User, CreatedAt = TestData.Now, UpdatedAt = TestData.Now.AddHours(5),
        });
        Bob.NormalizedEmail.Should().Be("ROBERT@EXAMPLE.ORG");
        Bob.NormalizedUsername.Should().Be("ROBERT");
        Bob.PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
        Bob.SessionVersion.Should().Be(1);
    }

    [Fact]
    public async Task Handle_OwnUsernameAndEmailInOtherCase_IsNoConflict()
    {
        var result = await Handle(2, TestData.UserInput(username: "BOB", email: "BOB@EXAMPLE.COM"));

        result.Username.Should().Be("BOB");
        result.Email.Should().Be("BOB@EXAMPLE.COM");
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("Alice")]
    public async Task Handle_AnotherUsersUsername_ThrowsConflictAndChangesNothing(string username)
    {
        var act = () => Handle(2, TestData.UserInput(username: username, email: "new@example.com"));

        await act.Should().ThrowAsync<ConflictException>().WithMessage("That username is taken.");
        Bob.Username.Should().Be("bob");
        Bob.Email.Should().Be("bob@example.com");
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("ALICE@example.COM")]
    public async Task Handle_AnotherUsersEmail_ThrowsConflictAndChangesNothing(string email)
    {
        var act = () => Handle(2, TestData.UserInput(username: "robert", email: email));

        await act.Should().ThrowAsync<ConflictException>().WithMessage("That email is already registered.");
        Bob.Username.Should().Be("bob");
        Bob.Email.Should().Be("bob@example.com");
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFound()
    {
        var act = () => Handle(9, TestData.UserInput(username: "new", email: "new@example.com"));

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("User 9 was not found.");
    }
}
