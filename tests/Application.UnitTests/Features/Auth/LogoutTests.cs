using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

public sealed class LogoutTests
{
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly FakeCurrentUser _caller = FakeCurrentUser.User(1);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private Task Handle(string refreshToken) =>
        new Logout.Handler(_tokens, _caller, _clock).Handle(new Logout.Command(refreshToken), CancellationToken.None);

    [Fact]
    public async Task Handle_OwnToken_RevokesOnlyThatToken()
    {
        var family = Guid.NewGuid();
        var token = _tokens.Seed(1, "mine", family);
        var sibling = _tokens.Seed(1, "sibling", family);
        var otherLogin = _tokens.Seed(1, "other-login");
        _clock.Advance(TimeSpan.FromMinutes(3));

        await Handle("mine");

        token.RevokedAt.Should().Be(Now);
        sibling.RevokedAt.Should().BeNull();
        otherLogin.RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task Handle_OwnToken_CanNoLongerBeRefreshed()
    {
        var users = new InMemoryRepository<User>().Seed(TestData.User(id: 1));
        _tokens.Seed(1, "mine");
        await Handle("mine");

        var act = () => new Refresh.Handler(_tokens, users, new SessionTokens(new FakeTokenService(), _tokens, _clock), _clock)
            .Handle(new Refresh.Command("mine"), CancellationToken.None);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _tokens.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_UnknownToken_SucceedsAndChangesNothing()
    {
        var token = _tokens.Seed(1, "mine");

        var act = () => Handle("never-issued");

        await act.Should().NotThrowAsync();
        token.RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task Handle_AlreadyRevokedToken_KeepsTheFirstRevocationTime()
    {
        _tokens.Seed(1, "mine");
        await Handle("mine");
        _clock.Advance(TimeSpan.FromHours(1));

        await Handle("mine");

        _tokens.Items.Single().RevokedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_AnotherUsersToken_ThrowsForbiddenAndLeavesItActive()
    {
        var theirs = _tokens.Seed(2, "theirs");

        var act = () => Handle("theirs");

        await act.Should().ThrowAsync<ForbiddenException>();
        theirs.IsActive(Now).Should().BeTrue();
    }

    [Fact]
    public async Task Handle_AdminWithAnotherUsersToken_ThrowsForbidden()
    {
        var theirs = _tokens.Seed(2, "theirs");
        var admin = FakeCurrentUser.Admin(1);

        var act = () => new Logout.Handler(_tokens, admin, _clock).Handle(new Logout.Command("theirs"), CancellationToken.None);

        await act.Should().ThrowAsync<ForbiddenException>();
        theirs.RevokedAt.Should().BeNull();
    }
}
