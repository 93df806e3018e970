using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

public sealed class LoginTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly FakeTokenService _tokenService = new();
    private readonly RecordingServiceMetrics _metrics = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task<TokenResponse> Handle(string? email = "alice@example.com", string? password = TestData.Password) =>
        new Login.Handler(_users, new InMemoryLoginFailureStore(_users), new FakePasswordHasher(), new SessionTokens(_tokenService, _tokens, _clock), _clock, _metrics)
            .Handle(new Login.Command(email, password), CancellationToken.None);

    /// <summary>Runs a login that must be refused and returns the message it was refused with.</summary>
    private async Task<string> Refused(string? email = "alice@example.com", string? password = "wrong-password-1")
    {
        var act = () => Handle(email, password);
        return (await act.Should().ThrowAsync<UnauthenticatedException>()).Which.Message;
    }

    private async Task FailTimes(int times)
    {
        for (var i = 0; i < times; i++) await Refused();
    }

    private User Alice => _users.Items.Single(u => u.Username == "alice");

    // Success

    [Fact]
    public async Task Handle_CorrectCredentials_ReturnsBearerTokensForTheUser()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2));

        var result = await Handle();

        result.AccessToken.Should().Be(FakeTokenService.TokenFor(2, Roles.User, 1));
        result.TokenType.Should().Be("Bearer");
        result.ExpiresIn.Should().Be(FakeTokenService.ExpiresInSeconds);
        result.UserId.Should().Be(2);
        result.Role.Should().Be(Roles.User);
        result.RefreshToken.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Handle_AdminCredentials_ReturnsTheAdminRole()
    {
        _users.Seed(TestData.Admin(email: "root@example.com"));

        var result = await Handle("root@example.com");

        result.Role.Should().Be(Roles.Admin);
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(1, Roles.Admin, 1));
    }

    [Fact]
    public async Task Handle_CorrectCredentials_StoresOnlyTheHashOfTheRefreshToken()
    {
        _users.Seed(TestData.User());
        _tokenService.RefreshTokenLifetime = TimeSpan.FromDays(3);

        var result = await Handle();

        var stored = _tokens.Items.Should().ContainSingle().Subject;
        stored.TokenHash.Should().Be(RefreshSecrets.Hash(result.RefreshToken)).And.NotContain(result.RefreshToken);
        stored.UserId.Should().Be(1);
        stored.CreatedAt.Should().Be(Now);
        stored.ExpiresAt.Should().Be(Now.AddDays(3));
        stored.IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_TwoLogins_IssueDifferentTokensOfDifferentFamilies()
    {
        _users.Seed(TestData.User());

        var first = await Handle();
        var second = await Handle();

        second.RefreshToken.Should().NotBe(first.RefreshToken);
        _tokens.Items.Should().HaveCount(2);
        _tokens.Items.Select(t => t.FamilyId).Distinct().Should().HaveCount(2);
    }

    [Theory]
    [InlineData("ALICE@EXAMPLE.COM")]
    [InlineData("Alice@Example.Com")]
    [InlineData("  alice@example.com  ")]
    public async Task Handle_EmailInAnyCase_LogsIn(string email)
    {
        _users.Seed(TestData.User(email: "alice@example.com"));

        var result = await Handle(email);

        result.UserId.Should().Be(1);
    }

    // Refusals

    [Fact]
    public async Task Handle_UnknownEmail_ThrowsUnauthenticatedAndIssuesNothing()
    {
        _users.Seed(TestData.User());

        var message = await Refused(email: "nobody@example.com", password: TestData.Password);

        message.Should().Be(SessionTokens.InvalidCredentials);
        _tokens.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_WrongPassword_ThrowsUnauthenticatedAndCountsTheFailure()
    {
        _users.Seed(TestData.User());

        var message = await Refused();

        message.Should().Be(SessionTokens.InvalidCredentials);
        Alice.FailedLoginCount.Should().Be(1);
        Alice.LockedUntil.Should().BeNull();
        _tokens.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_PasswordInAnotherCase_IsWrong()
    {
        _users.Seed(TestData.User(password: "Secret-password-1"));

        var message = await Refused(password: "secret-password-1");

        message.Should().Be(SessionTokens.InvalidCredentials);
    }

    [Fact]
    public async Task Handle_UnknownEmailWrongPasswordAndLockedAccount_AllGetTheSameMessage()
    {
        _users.Seed(TestData.User());

        var unknown = await Refused(email: "nobody@example.com");
        var wrong = await Refused();
        await FailTimes(4);
        var locked = await Refused(password: TestData.Password);

        new[] { unknown, wrong, locked }.Should().AllBe(SessionTokens.InvalidCredentials);
    }

    // Lockout

    private static TimeSpan FirstLock => LockoutPolicy.DurationOf(1);

    [Fact]
    public async Task Handle_FourWrongPasswords_DoNotLock()
    {
        _users.Seed(TestData.User());
        await FailTimes(4);

        var result = await Handle();

        result.UserId.Should().Be(1);
    }

    [Fact]
    public async Task Handle_FiveWrongPasswords_LockTheAccountForTheFirstDuration()
    {
        _users.Seed(TestData.User());

        await FailTimes(5);

        Alice.LockedUntil.Should().Be(Now + FirstLock);
        Alice.IsLockedOut(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_ManyWrongPasswords_ChecksNoMoreThanThePolicyAllowsBeforeTheLock()
    {
        var hasher = new FakePasswordHasher();
        _users.Seed(TestData.User());
        var login = new Login.Handler(_users, new InMemoryLoginFailureStore(_users), hasher, new SessionTokens(_tokenService, _tokens, _clock), _clock, _metrics);

        for (var i = 0; i < 12; i++)
        {
            var act = () => login.Handle(new Login.Command("alice@example.com", $"wrong-password-{i}"), CancellationToken.None);
            await act.Should().ThrowAsync<UnauthenticatedException>();
        }

        hasher.ChecksAgainst(Alice.PasswordHash).Should().Be(LockoutPolicy.MaxFailedLogins);
    }

    [Fact]
    public async Task Handle_CorrectPasswordWhileLocked_IsRefusedAndIssuesNothing()
    {
        _users.Seed(TestData.User());
        await FailTimes(5);
        _clock.Advance(FirstLock - TimeSpan.FromSeconds(1));

        var message = await Refused(password: TestData.Password);

        message.Should().Be(SessionTokens.InvalidCredentials);
        _tokens.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_CorrectPasswordOnceTheLockHasPassed_LogsInAndClearsTheLock()
    {
        _users.Seed(TestData.User());
        await FailTimes(5);
        _clock.Advance(FirstLock);

        var result = await Handle();

        result.UserId.Should().Be(1);
        Alice.LockedUntil.Should().BeNull();
        Alice.FailedLoginCount.Should().Be(0);
        Alice.LockoutCount.Should().Be(0);
    }

    [Fact]
    public async Task Handle_WrongPasswordsWhileLocked_DoNotExtendTheLock()
    {
        _users.Seed(TestData.User());
        await FailTimes(5);
        var lockedUntil = Alice.LockedUntil;
        _clock.Advance(FirstLock / 2);

        await FailTimes(5);

        Alice.LockedUntil.Should().Be(lockedUntil);
        _clock.Advance(FirstLock / 2);
        (await Handle()).UserId.Should().Be(1);
    }

    [Fact]
    public async Task Handle_LockoutsInARow_LastLongerEachTime()
    {
        _users.Seed(TestData.User());
        await FailTimes(5);
        _clock.Advance(FirstLock);

        await FailTimes(5);

        Alice.LockedUntil.Should().Be(Now + LockoutPolicy.DurationOf(2));
        LockoutPolicy.DurationOf(2).Should().BeGreaterThan(FirstLock);
    }

    [Fact]
    public async Task Handle_SuccessAfterFourFailures_ResetsTheCount()
    {
        _users.Seed(TestData.User());
        await FailTimes(4);

        await Handle();

        Alice.FailedLoginCount.Should().Be(0);
        await FailTimes(4);
        Alice.LockedUntil.Should().BeNull();
        (await Handle()).UserId.Should().Be(1);
    }

    [Fact]
    public async Task Handle_FailuresOfOneUser_DoNotLockAnother()
    {
        _users.Seed(TestData.User(), TestData.User(username: "bob", email: "bob@example.com"));
        await FailTimes(5);

        var result = await Handle("bob@example.com");

        result.UserId.Should().Be(2);
        _users.Items.Single(u => u.Username == "bob").FailedLoginCount.Should().Be(0);
    }

    // Rehash

    [Fact]
    public async Task Handle_HashNeedingRehash_StoresAFreshHashOfThePassword()
    {
        _users.Seed(TestData.User(passwordHash: FakePasswordHasher.LegacyHash(TestData.Password)));

        await Handle();

        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
        Alice.SessionVersion.Should().Be(1);
    }

    [Fact]
    public async Task Handle_WrongPasswordAgainstAnOldHash_KeepsTheOldHash()
    {
        var legacy = FakePasswordHasher.LegacyHash(TestData.Password);
        _users.Seed(TestData.User(passwordHash: legacy));

        await Refused();

        Alice.PasswordHash.Should().Be(legacy);
    }

    [Fact]
    public async Task Handle_CurrentHash_IsLeftAsItIs()
    {
        _users.Seed(TestData.User());

        await Handle();

        Alice.PasswordHash.Should().Be(FakePasswordHasher.HashOf(TestData.Password));
    }

    // Metrics

    [Fact]
    public async Task Handle_CorrectCredentials_CountsOneSuccess()
    {
        _users.Seed(TestData.User());

        await Handle();

        _metrics.Logins.Should().Equal(LoginOutcome.Success);
    }

    [Fact]
    public async Task Handle_WrongPasswordUnknownEmailAndLockedAccount_EachCountOneFailure()
    {
        _users.Seed(TestData.User());

        await Refused();
        await Refused(email: "nobody@example.com");
        await FailTimes(4);
        await Refused(password: TestData.Password);

        _metrics.Logins.Should().HaveCount(7).And.OnlyContain(o => o == LoginOutcome.Failure);
    }
}
