using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

public sealed class RegisterTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private Task<UserDto> Handle(Register.Command command) =>
        new Register.Handler(_users, new FakePasswordHasher(), _clock).Handle(command, CancellationToken.None);

    [Fact]
    public async Task Handle_NewAccount_ReturnsTheCreatedUserWithTheUserRole()
    {
        var result = await Handle(TestData.Register(username: "alice", email: "alice@example.com", firstName: "Alice", lastName: "Liddell"));

        var created = new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        result.Should().BeEquivalentTo(new UserDto
        {
            Id = 1,
            Username = "alice",
            Email = "alice@example.com",
            FirstName = "Alice",
            LastName = "Liddell",
            Role = Roles.User,
            CreatedAt = created,
            UpdatedAt = created,
        });
    }

    [Fact]
    public async Task Handle_NewAccount_StoresTheHashOfThePasswordNotThePassword()
    {
        await Handle(TestData.Register(password: "open-sesame-1"));

        var user = _users.Items.Should().ContainSingle().Subject;
        user.PasswordHash.Should().Be(FakePasswordHasher.HashOf("open-sesame-1"));
        user.Role.Should().Be(Roles.User);
        user.SessionVersion.Should().Be(1);
        user.FailedLoginCount.Should().Be(0);
        user.LockedUntil.Should().BeNull();
    }

    [Fact]
    public async Task Handle_PaddedFields_StoresThemTrimmedWithNormalizedColumns()
    {
        var result = await Handle(TestData.Register(username: "  Alice ", email: " Alice@Example.COM  ", firstName: " Alice ", lastName: "   "));

        result.Username.Should().Be("Alice");
        result.Email.Should().Be("Alice@Example.COM");
        result.FirstName.Should().Be("Alice");
        result.LastName.Should().BeNull();
        var user = _users.Items.Single();
        user.NormalizedUsername.Should().Be("ALICE");
        user.NormalizedEmail.Should().Be("ALICE@EXAMPLE.COM");
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("  Alice  ")]
    public async Task Handle_UsernameTakenInAnyCase_ThrowsConflictAndAddsNobody(string username)
    {
        _users.Seed(TestData.User(username: "Alice", email: "first@example.com"));

        var act = () => Handle(TestData.Register(username: username, email: "second@example.com"));

        await act.Should().ThrowAsync<ConflictException>().WithMessage("That username is taken.");
        _users.Items.Should().ContainSingle();
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("ALICE@EXAMPLE.COM")]
    [InlineData(" Alice@Example.com ")]
    public async Task Handle_EmailTakenInAnyCase_ThrowsConflictAndAddsNobody(string email)
    {
        _users.Seed(TestData.User(username: "first", email: "Alice@example.com"));

        var act = () => Handle(TestData.Register(username: "second", email: email));

        await act.Should().ThrowAsync<ConflictException>().WithMessage("That email is already registered.");
        _users.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_TwoDifferentAccounts_BothStoredWithConsecutiveIds()
    {
        await Handle(TestData.Register(username: "alice", email: "alice@example.com"));
        await Handle(TestData.Register(username: "bob", email: "bob@example.com"));

        _users.Items.Select(u => (u.Id, u.Username)).Should().Equal((1, "alice"), (2, "bob"));
    }

    [Fact]
    public async Task Handle_UsernameEqualToAnotherUsersEmailLocalPart_IsNoConflict()
    {
        _users.Seed(TestData.User(username: "first", email: "alice@example.com"));

        var result = await Handle(TestData.Register(username: "alice", email: "other@example.com"));

        result.Id.Should().Be(2);
        _users.Items.Should().HaveCount(2);
    }
}
