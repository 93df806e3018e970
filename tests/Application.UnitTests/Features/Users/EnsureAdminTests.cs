using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Application.UnitTests.Pipeline;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class EnsureAdminTests
{
    private const string AdminPassword = "admin-passw0rd";

    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly CapturingLoggerProvider _logs = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task Handle(string email = "admin@example.com", string password = AdminPassword, string username = "admin") =>
        new EnsureAdmin.Handler(_users, _tokens, new FakePasswordHasher(), _clock, LoggerFactory.Create(b => b.AddProvider(_logs)).CreateLogger<EnsureAdmin.Handler>())
            .Handle(new EnsureAdmin.Command(email, password, username), CancellationToken.None);

    [Fact]
    public async Task Handle_NoSuchAccount_CreatesTheAdmin()
    {
        _users.Seed(TestData.User(id: 1));

        await Handle();

        var admin = _users.Items.Should().ContainSingle(u => u.Email == "admin@example.com").Subject;
        admin.Username.Should().Be("admin");
        admin.FirstName.Should().Be("Admin");
        admin.LastName.Should().BeNull();
        admin.Role.Should().Be(Roles.Admin);
        admin.PasswordHash.Should().Be(FakePasswordHasher.HashOf(AdminPassword));
        admin.CreatedAt.Should().Be(Now);
        _users.Items.Single(u => u.Id == 1).Role.Should().Be(Roles.User);
    }

    [Fact]
    public async Task Handle_RunTwice_LeavesExactlyOneUnchangedAdmin()
    {
        await Handle();
        var first = _users.Items.Single();
        _clock.Advance(TimeSpan.FromDays(1));

        await Handle();

        _users.Items.Should().ContainSingle().Which.Should().BeSameAs(first);
        first.Role.Should().Be(Roles.Admin);
        first.SessionVersion.Should().Be(1);
        first.UpdatedAt.Should().Be(TestData.Now);
        first.PasswordHash.Should().Be(FakePasswordHasher.HashOf(AdminPassword));
    }

    [Fact]
    public async Task Handle_ExistingUserWithThatEmailInAnyCase_PromotesThemAndResetsThePassword()
    {
        _users.Seed(TestData.User(username: "alice", email: "Admin@Example.com", password: "old-passw0rd", id: 1));
        _clock.Advance(TimeSpan.FromHours(1));

        await Handle(email: "admin@example.COM");

        var user = _users.Items.Should().ContainSingle().Subject;
        user.Username.Should().Be("alice");
        user.Role.Should().Be(Roles.Admin);
        user.PasswordHash.Should().Be(FakePasswordHasher.HashOf(AdminPassword));
        user.SessionVersion.Should().Be(2);
        user.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public async Task Handle_PasswordReset_RevokesTheUsersRefreshTokens()
    {
        _users.Seed(TestData.User(email: "admin@example.com", password: "old-passw0rd", id: 1), TestData.User(username: "bob", email: "bob@example.com", id: 2));
        _tokens.Seed(1, "old-session");
        _tokens.Seed(2, "bobs-session");

        await Handle();

        _tokens.BySecret("old-session")!.RevokedAt.Should().Be(Now);
        _tokens.BySecret("bobs-session")!.IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_PasswordReset_OldRefreshTokenCanNoLongerMintAnAdminSession()
    {
        _users.Seed(TestData.User(email: "admin@example.com", password: "old-passw0rd", id: 1));
        _tokens.Seed(1, "old-session");
        await Handle();

        var act = () => new Refresh.Handler(_tokens, _users, new SessionTokens(new FakeTokenService(), _tokens, _clock), _clock)
            .Handle(new Refresh.Command("old-session"), CancellationToken.None);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _tokens.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_ExistingUserWithTheSamePassword_PromotesWithoutEndingSessions()
    {
        _users.Seed(TestData.User(email: "admin@example.com", password: AdminPassword, id: 1));
        _tokens.Seed(1, "session");

        await Handle();

        var user = _users.Items.Single();
        user.Role.Should().Be(Roles.Admin);
        user.SessionVersion.Should().Be(1);
        _tokens.Items.Single().IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_UsernameTakenByAnotherAccount_CreatesTheAdminUnderAFreeVariantAndWarns()
    {
        _users.Seed(TestData.User(username: "Admin", email: "someone@example.com", id: 1),
            TestData.User(username: "admin-2", email: "other@example.com", id: 2));

        await Handle();

        var admin = _users.Items.Should().ContainSingle(u => u.Email == "admin@example.com").Subject;
        admin.Username.Should().Be("admin-3");
        admin.Role.Should().Be(Roles.Admin);
        _users.Items.Where(u => u.Id is 1 or 2).Should().OnlyContain(u => u.Role == Roles.User);
        _logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning)
            .Which.Message.Should().Contain("admin-3").And.Contain("belongs to another account");
    }

    [Fact]
    public async Task Handle_LongUsernameTaken_KeepsTheVariantWithinTheLengthLimit()
    {
        var longName = new string('a', User.UsernameMaxLength);
        _users.Seed(TestData.User(username: longName, email: "someone@example.com", id: 1));

        await Handle(username: longName);

        _users.Items.Single(u => u.Email == "admin@example.com").Username.Should().Be(longName[..^2] + "-2");
    }
}
