using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// Ending a login ends all of it: after logout or a detected refresh token reuse, the access tokens of that
/// login are refused at once (claim <c>lid</c>), other logins keep working; and a refresh token issued before
/// a password change is refused even if its revocation never happened (it carries the old session version).
/// </summary>
public sealed class LoginEndingTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private Task<HttpResponseMessage> MeAsync(string accessToken) => factory.Guarded(accessToken).GetAsync(AccountApi.Me);

    [Fact]
    public async Task AccessToken_CarriesTheLoginIdOfItsRefreshTokenFamily()
    {
        var (account, first) = await factory.SignUpAsync();
        var second = await factory.LoginAsync(account);

        var firstLogin = AccountApi.Decode(first.AccessToken).Payload.Str("lid");
        var refreshed = TokenPair.From(await (await factory.RefreshAsync(first.RefreshToken)).ShouldBeJsonAsync(HttpStatusCode.OK));

        firstLogin.Should().NotBeNullOrWhiteSpace();
        AccountApi.Decode(refreshed.AccessToken).Payload.Str("lid").Should().Be(firstLogin, "a refresh continues the same login");
        AccountApi.Decode(second.AccessToken).Payload.Str("lid").Should().NotBe(firstLogin, "another login has its own id");
    }

    [Fact]
    public async Task Logout_AccessTokenOfThatLogin_Is401AtOnceAndOtherLoginsKeepWorking()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var other = await factory.LoginAsync(account);
        await (await MeAsync(tokens.AccessToken)).ShouldBeJsonAsync(HttpStatusCode.OK); // cached as a live session

        await (await factory.Guarded(tokens.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = tokens.RefreshToken }))
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await MeAsync(tokens.AccessToken)).ShouldBeUnauthorizedAsync();
        await (await MeAsync(other.AccessToken)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefreshTokenReuse_AccessTokensOfThatLogin_Are401AtOnce()
    {
        var (account, stolen) = await factory.SignUpAsync();
        var other = await factory.LoginAsync(account);
        var thief = TokenPair.From(await (await factory.RefreshAsync(stolen.RefreshToken)).ShouldBeJsonAsync(HttpStatusCode.OK));
        await (await MeAsync(thief.AccessToken)).ShouldBeJsonAsync(HttpStatusCode.OK);

        await (await factory.RefreshAsync(stolen.RefreshToken)).ShouldBeUnauthorizedAsync(); // the owner presents it again: reuse

        await (await MeAsync(thief.AccessToken)).ShouldBeUnauthorizedAsync();
        await (await MeAsync(stolen.AccessToken)).ShouldBeUnauthorizedAsync();
        await (await MeAsync(other.AccessToken)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_TokenIssuedBeforeAPasswordChange_Is401EvenIfItsRevocationWasUndone()
    {
        var (account, before) = await factory.SignUpAsync();
        var change = await factory.Guarded(before.AccessToken).PostAsJsonAsync(AccountApi.MyPassword,
            new { currentPassword = account.Password, newPassword = "brand-new-passw0rd" });
        await change.ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        // As if the revocation step had not run: the old token is unrevoked again.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var undone = await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().RefreshTokens
                .Where(t => t.UserId == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, (DateTime?)null));
            undone.Should().BeGreaterThan(0);
        }

        await (await factory.RefreshAsync(before.RefreshToken)).ShouldBeUnauthorizedAsync();
        var after = await factory.LoginAsync(account.Email, "brand-new-passw0rd");
        await (await factory.RefreshAsync(after.RefreshToken)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_RevokesTheRefreshTokensAndStoresTheNewPasswordTogether()
    {
        var (account, tokens) = await factory.SignUpAsync();

        await (await factory.Guarded(tokens.AccessToken).PostAsJsonAsync(AccountApi.MyPassword,
            new { currentPassword = account.Password, newPassword = "brand-new-passw0rd" })).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().RefreshTokens.AsNoTracking()
            .Where(t => t.UserId == account.Id).ToListAsync();
        stored.Should().NotBeEmpty().And.OnlyContain(t => t.RevokedAt != null);
        stored.Should().OnlyContain(t => t.SessionVersion == 1, "they were issued in the first session");
        await (await MeAsync(tokens.AccessToken)).ShouldBeUnauthorizedAsync();
    }
}
