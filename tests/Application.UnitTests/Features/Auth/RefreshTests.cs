using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

public sealed class RefreshTests
{
    private const string Invalid = "The refresh token is invalid, expired or already used.";

    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly FakeTokenService _tokenService = new();
    private readonly Guid _family = Guid.NewGuid();

    public RefreshTests()
    {
        _users.Seed(TestData.User(id: 1), TestData.User(username: "bob", email: "bob@example.com", id: 2));
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task<TokenResponse> Handle(string? refreshToken) =>
        new Refresh.Handler(_tokens, _users, new SessionTokens(_tokenService, _tokens, _clock), _clock)
            .Handle(new Refresh.Command(refreshToken), CancellationToken.None);

    private async Task Refused(string refreshToken)
    {
        var act = () => Handle(refreshToken);
        await act.Should().ThrowAsync<UnauthenticatedException>().WithMessage(Invalid);
    }

    [Fact]
    public async Task Handle_ActiveToken_ReturnsANewPairForTheTokensUser()
    {
        _tokens.Seed(2, "first", _family);

        var result = await Handle("first");

        result.UserId.Should().Be(2);
        result.Role.Should().Be(Roles.User);
        result.TokenType.Should().Be("Bearer");
        result.ExpiresIn.Should().Be(FakeTokenService.ExpiresInSeconds);
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(2, Roles.User, 1));
        result.RefreshToken.Should().NotBeNullOrWhiteSpace().And.NotBe("first");
    }

    [Fact]
    public async Task Handle_ActiveToken_UsesItUpAndStoresTheNewOneInTheSameFamily()
    {
        var old = _tokens.Seed(1, "first", _family);
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await Handle("first");

        old.UsedAt.Should().Be(Now);
        old.RevokedAt.Should().BeNull();
        var issued = _tokens.BySecret(result.RefreshToken);
        issued.Should().NotBeNull();
        issued!.FamilyId.Should().Be(_family);
        issued.UserId.Should().Be(1);
        issued.CreatedAt.Should().Be(Now);
        issued.ExpiresAt.Should().Be(Now + FakeTokenService.DefaultRefreshTokenLifetime);
        issued.IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_TheNewToken_WorksInItsTurn()
    {
        _tokens.Seed(1, "first", _family);
        var second = await Handle("first");

        var third = await Handle(second.RefreshToken);

        third.UserId.Should().Be(1);
        _tokens.Items.Should().HaveCount(3).And.OnlyContain(t => t.FamilyId == _family);
        _tokens.Items.Count(t => t.IsActive(Now)).Should().Be(1);
    }

    [Fact]
    public async Task Handle_TokenAlreadyRotated_ThrowsUnauthenticated()
    {
        _tokens.Seed(1, "first", _family);
        await Handle("first");

        await Refused("first");
    }

    [Fact]
    public async Task Handle_UsedTokenPresentedAgain_RevokesTheWholeFamilyIncludingTheNewest()
    {
        _tokens.Seed(1, "first", _family);
        var second = await Handle("first");
        var third = await Handle(second.RefreshToken);
        _clock.Advance(TimeSpan.FromMinutes(10));

        await Refused("first");

        _tokens.Items.Should().OnlyContain(t => t.RevokedAt == Now);
        await Refused(third.RefreshToken);
    }

    [Fact]
    public async Task Handle_UsedTokenPresentedAgain_LeavesOtherFamiliesAlone()
    {
        _tokens.Seed(1, "first", _family);
        var otherLogin = _tokens.Seed(1, "other-login");
        var otherUser = _tokens.Seed(2, "other-user");
        await Handle("first");

        await Refused("first");

        otherLogin.IsActive(Now).Should().BeTrue();
        otherUser.IsActive(Now).Should().BeTrue();
        (await Handle("other-login")).UserId.Should().Be(1);
    }

    [Fact]
    public async Task Handle_RevokedToken_ThrowsAndRevokesItsFamily()
    {
        var revoked = _tokens.Seed(1, "revoked", _family);
        var sibling = _tokens.Seed(1, "sibling", _family);
        await _tokens.RevokeAsync(revoked.Id, Now, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await Refused("revoked");

        revoked.RevokedAt.Should().Be(TestData.Now);
        sibling.RevokedAt.Should().Be(Now);
    }

    [Fact]
    public async Task Handle_TokenJustBeforeExpiry_IsAccepted()
    {
        _tokens.Seed(1, "first", _family, lifetime: TimeSpan.FromDays(14));
        _clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));

        (await Handle("first")).UserId.Should().Be(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(86_400)]
    public async Task Handle_ExpiredToken_ThrowsUnauthenticatedAndIssuesNothing(int secondsPastExpiry)
    {
        _tokens.Seed(1, "first", _family, lifetime: TimeSpan.FromDays(14));
        _clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(secondsPastExpiry));

        await Refused("first");

        _tokens.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_UnknownToken_ThrowsUnauthenticatedAndChangesNothing()
    {
        var stored = _tokens.Seed(1, "first", _family);

        await Refused("never-issued");

        _tokens.Items.Should().ContainSingle();
        stored.IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_TokenOfADeletedUser_ThrowsUnauthenticated()
    {
        _tokens.Seed(2, "first", _family);
        _users.Remove(_users.Items.Single(u => u.Id == 2));
        await _users.SaveChangesAsync();

        await Refused("first");

        _tokens.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_RoleChangedSinceLogin_NewAccessTokenCarriesTheCurrentRole()
    {
        _tokens.Seed(2, "first", _family);
        _users.Items.Single(u => u.Id == 2).SetRole(Roles.Admin, Now);

        var result = await Handle("first");

        result.Role.Should().Be(Roles.Admin);
        result.AccessToken.Should().Be(FakeTokenService.TokenFor(2, Roles.Admin, 1));
    }

    [Fact]
    public async Task Handle_TokenIssuedBeforeAPasswordChangeWhoseRevocationDidNotRun_IsRefusedAndEndsItsLogin()
    {
        _tokens.Seed(1, "before", _family);
        var forgetful = new RevocationSkippingStore(_tokens);
        await new MusicPlayer.Application.Features.Users.ChangePassword.Handler(_users, forgetful, new InMemoryLoginFailureStore(_users), new FakePasswordHasher(),
                new ImmediateTransactions(), FakeCurrentUser.User(1), _clock)
            .Handle(new MusicPlayer.Application.Features.Users.ChangePassword.Command(TestData.Password, "new-passw0rd"), CancellationToken.None);
        _tokens.BySecret("before")!.RevokedAt.Should().BeNull("the revocation step was skipped");

        await Refused("before");

        _tokens.Items.Should().ContainSingle("nothing was issued");
        _tokens.BySecret("before")!.IsSpent.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_TokenOfTheCurrentSession_IssuesAPairCarryingTheLoginAndTheSession()
    {
        _users.Items.Single(u => u.Id == 1).ChangePassword(FakePasswordHasher.HashOf("new-passw0rd"), Now);
        _tokens.Seed(1, "after", _family, sessionVersion: 2);

        var result = await Handle("after");

        _tokens.BySecret(result.RefreshToken)!.SessionVersion.Should().Be(2);
        _tokens.BySecret(result.RefreshToken)!.FamilyId.Should().Be(_family);
        _tokenService.LastLoginId.Should().Be(_family, "the access token names the login it belongs to");
    }

    /// <summary>A store whose revocation of all of a user's tokens does nothing: a revocation step that never ran.</summary>
    private sealed class RevocationSkippingStore(InMemoryRefreshTokenStore inner) : IRefreshTokenStore
    {
        public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => inner.FindByHashAsync(tokenHash, cancellationToken);

        public Task AddAsync(RefreshToken token, CancellationToken cancellationToken) => inner.AddAsync(token, cancellationToken);

        public Task<bool> TryConsumeAsync(int tokenId, DateTime now, CancellationToken cancellationToken) => inner.TryConsumeAsync(tokenId, now, cancellationToken);

        public Task RevokeAsync(int tokenId, DateTime now, CancellationToken cancellationToken) => inner.RevokeAsync(tokenId, now, cancellationToken);

        public Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) => inner.RevokeFamilyAsync(familyId, now, cancellationToken);

        public Task<bool> IsFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken) => inner.IsFamilyRevokedAsync(familyId, cancellationToken);

        public Task RevokeAllOfUserAsync(int userId, DateTime now, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<Guid>> EndedLoginsAsync(int userId, DateTime since, CancellationToken cancellationToken) =>
            inner.EndedLoginsAsync(userId, since, cancellationToken);
    }
}
