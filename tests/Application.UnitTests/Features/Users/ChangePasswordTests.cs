using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class ChangePasswordTests
{
    private const string NewPassword = "new-passw0rd";

    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly FakeCurrentUser _caller = FakeCurrentUser.User(1);
    private readonly FakePasswordHasher _hasher = new();
    private readonly ImmediateTransactions _transactions = new();

    public ChangePasswordTests()
    {
        _users.Seed(TestData.User(id: 1), TestData.User(username: "bob", email: "bob@example.com", id: 2));
    }

    private User Alice => _users.Items.Single(u => u.Id == 1);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task Handle(string? current = TestData.Password, string? next = NewPassword) =>
        Handler(_hasher).Handle(new ChangePassword.Command(current, next), CancellationToken.None);

    private ChangePassword.Handler Handler(IPasswordHasher hasher) =>
        new(_users, _tokens, new InMemoryLoginFailureStore(_users), hasher, _transactions, _caller, _clock);

    [Fact]
    public async Task Handle_CorrectCurrentPassword_StoresTheHashOfTheNewOne()
    {
        _clock.Advance(TimeSpan.FromDays(1));

        await Handle();

        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(NewPassword));
        Alice.UpdatedAt.Should().Be(Now);
        _users.Items.Single(u => u.Id == 2).PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
    }

    [Fact]
    public async Task Handle_CorrectCurrentPassword_BumpsTheSessionVersion()
    {
        await Handle();

        Alice.SessionVersion.Should().Be(2);
        _users.Items.Single(u => u.Id == 2).SessionVersion.Should().Be(1);
    }

    [Fact]
    public async Task Handle_CorrectCurrentPassword_RevokesEveryRefreshTokenOfTheUserOnly()
    {
        _tokens.Seed(1, "login-1");
        _tokens.Seed(1, "login-2");
        _tokens.Seed(2, "bobs");
        _clock.Advance(TimeSpan.FromMinutes(1));

        await Handle();

        _tokens.Items.Where(t => t.UserId == 1).Should().HaveCount(2).And.OnlyContain(t => t.RevokedAt == Now);
        _tokens.Items.Single(t => t.UserId == 2).IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_CurrentPasswordWithAnOldHash_IsAccepted()
    {
        Alice.UpgradePasswordHash(FakePasswordHasher.LegacyHash(TestData.Password));

        await Handle();

        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(NewPassword));
    }

    [Fact]
    public async Task Handle_WrongCurrentPassword_ThrowsValidationForCurrentPasswordAndChangesNothing()
    {
        _tokens.Seed(1, "login-1");

        var act = () => Handle(current: "not-my-passw0rd");

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().Equal("currentPassword");
        errors["currentPassword"].Should().Equal("The current password is wrong.");
        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
        Alice.SessionVersion.Should().Be(1);
        _tokens.Items.Single().IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_WrongCurrentPassword_CountsTowardsTheLoginLockout()
    {
        await Assert.ThrowsAsync<RequestValidationException>(() => Handle(current: "not-my-passw0rd"));

        Alice.FailedLoginCount.Should().Be(1);
    }

    [Fact]
    public async Task Handle_ManyWrongCurrentPasswords_ChecksOnlyAsManyAsTheLockoutAllowsThenLocks()
    {
        var hash = Alice.PasswordHash;

        for (var i = 0; i < 12; i++)
            await Assert.ThrowsAsync<RequestValidationException>(() => Handle(current: $"guess-{i}-passw0rd"));

        _hasher.ChecksAgainst(hash).Should().Be(LockoutPolicy.MaxFailedLogins);
        Alice.IsLockedOut(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_RightCurrentPasswordWhileLocked_GetsTheWrongPasswordAnswerAndChangesNothing()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailedLogins; i++)
            await Assert.ThrowsAsync<RequestValidationException>(() => Handle(current: $"guess-{i}-passw0rd"));
        var wrong = await Assert.ThrowsAsync<RequestValidationException>(() => Handle(current: "guess-x-passw0rd"));

        var locked = await Assert.ThrowsAsync<RequestValidationException>(() => Handle());

        locked.Errors.Should().BeEquivalentTo(wrong.Errors);
        locked.Message.Should().Be(wrong.Message);
        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
        Alice.SessionVersion.Should().Be(1);
    }

    [Fact]
    public async Task Handle_RightCurrentPasswordAfterFailures_ClearsTheCount()
    {
        await Assert.ThrowsAsync<RequestValidationException>(() => Handle(current: "not-my-passw0rd"));

        await Handle();

        Alice.FailedLoginCount.Should().Be(0);
    }

    [Fact]
    public async Task Handle_ClientHangsUpAfterTheNewHash_StillChangesThePasswordAndEndsEverySessionInOneTransaction()
    {
        _tokens.Seed(1, "login-1");
        using var hangUp = new CancellationTokenSource();
        var handler = Handler(new HangUpOnHash(_hasher, hangUp));

        await handler.Handle(new ChangePassword.Command(TestData.Password, NewPassword), hangUp.Token);

        hangUp.IsCancellationRequested.Should().BeTrue("the client went away while the new password was hashed");
        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(NewPassword));
        _tokens.Items.Single().RevokedAt.Should().NotBeNull();
        _transactions.Runs.Should().Be(1);
        _transactions.LastToken.CanBeCanceled.Should().BeFalse("the change and the revocation are not cancellable once begun");
    }

    /// <summary>Hashes, then cancels the request: a client hanging up at the last moment.</summary>
    private sealed class HangUpOnHash(IPasswordHasher inner, CancellationTokenSource request) : IPasswordHasher
    {
        public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
        {
            var hash = await inner.HashAsync(password, cancellationToken);
            await request.CancelAsync();
            return hash;
        }

        public Task<PasswordCheck> VerifyAsync(string hash, string password, CancellationToken cancellationToken) =>
            inner.VerifyAsync(hash, password, cancellationToken);
    }
}
