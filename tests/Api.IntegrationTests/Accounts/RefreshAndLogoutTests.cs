using System.Net;
using System.Net.Http.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// POST /api/v1/auth/refresh and /logout: rotation (each refresh token works once), reuse detection
/// (a used token revokes its whole login), and revocation by logging out.
/// </summary>
public sealed class RefreshAndLogoutTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private async Task<TokenPair> RefreshOkAsync(string refreshToken) =>
        TokenPair.From(await (await factory.RefreshAsync(refreshToken)).ShouldBeJsonAsync(HttpStatusCode.OK));

    private async Task RefreshRefusedAsync(string refreshToken) =>
        await (await factory.RefreshAsync(refreshToken)).ShouldBeUnauthorizedAsync();

    [Fact]
    public async Task Refresh_ValidToken_Returns200WithNewWorkingPair()
    {
        var (account, login) = await factory.SignUpAsync();

        var response = await factory.RefreshAsync(login.RefreshToken);

        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        body.Properties().Should().BeEquivalentTo("accessToken", "tokenType", "expiresIn", "refreshToken", "userId", "role");
        body.Str("tokenType").Should().Be("Bearer");
        body.GetProperty("expiresIn").GetInt32().Should().Be(900);
        var pair = TokenPair.From(body);
        pair.UserId.Should().Be(account.Id);
        pair.Role.Should().Be("user");
        pair.RefreshToken.Should().NotBe(login.RefreshToken);
        pair.AccessToken.Should().NotBe(login.AccessToken);
        var (_, payload) = AccountApi.Decode(pair.AccessToken);
        payload.Str("sub").Should().Be(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await (await factory.Guarded(pair.AccessToken).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK)).Id().Should().Be(account.Id);
        (await RefreshOkAsync(pair.RefreshToken)).UserId.Should().Be(account.Id);
    }

    [Fact]
    public async Task Refresh_OldTokenAfterRotation_Returns401()
    {
        var (_, login) = await factory.SignUpAsync();
        await RefreshOkAsync(login.RefreshToken);

        await RefreshRefusedAsync(login.RefreshToken);
    }

    [Fact]
    public async Task Refresh_ReusedToken_RevokesTheNewestTokenOfThatLogin()
    {
        var (_, login) = await factory.SignUpAsync();
        var second = await RefreshOkAsync(login.RefreshToken);
        var third = await RefreshOkAsync(second.RefreshToken);

        await RefreshRefusedAsync(login.RefreshToken);

        await RefreshRefusedAsync(third.RefreshToken);
        await RefreshRefusedAsync(second.RefreshToken);
    }

    [Fact]
    public async Task Refresh_ReusedToken_LeavesOtherLoginsAlone()
    {
        var (account, login) = await factory.SignUpAsync();
        var otherLogin = await factory.LoginAsync(account);
        await RefreshOkAsync(login.RefreshToken);

        await RefreshRefusedAsync(login.RefreshToken);

        (await RefreshOkAsync(otherLogin.RefreshToken)).UserId.Should().Be(account.Id);
    }

    [Fact]
    public async Task Refresh_SameTokenManyTimesAtOnce_AtMostOneSucceeds()
    {
        var (_, login) = await factory.SignUpAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => factory.RefreshAsync(login.RefreshToken)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK)) await refused.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Refresh_SameTokenTwiceAtOnce_LeavesNoWorkingDescendant()
    {
        var (account, _) = await factory.SignUpAsync();

        // A race: a few rounds, each from a fresh login, so that an unlucky interleaving shows.
        for (var round = 0; round < 4; round++)
        {
            var login = await factory.LoginAsync(account);

            var responses = await Task.WhenAll(factory.RefreshAsync(login.RefreshToken), factory.RefreshAsync(login.RefreshToken));

            // Two holders presented one token: one of them is a thief, so whatever was issued must stop working.
            foreach (var issued in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
                await RefreshRefusedAsync(TokenPair.From(await issued.ShouldBeJsonAsync(HttpStatusCode.OK)).RefreshToken);
            responses.Should().Contain(r => r.StatusCode == HttpStatusCode.Unauthorized);
        }
    }

    public static TheoryData<string> GarbageRefreshTokens => new()
    {
        "garbage",
        "a",
        new string('A', 43),
        new string('x', 10_000),
        "' OR 1=1 --",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
    };

    [Theory]
    [MemberData(nameof(GarbageRefreshTokens))]
    public async Task Refresh_GarbageToken_Returns401(string token)
    {
        await RefreshRefusedAsync(token);
    }

    [Fact]
    public async Task Refresh_AccessTokenInstead_Returns401()
    {
        var (_, login) = await factory.SignUpAsync();

        await RefreshRefusedAsync(login.AccessToken);
    }

    [Fact]
    public async Task Refresh_GarbageAnswer_LooksLikeAUsedTokenAnswer()
    {
        var (_, login) = await factory.SignUpAsync();
        await RefreshOkAsync(login.RefreshToken);

        var used = await (await factory.RefreshAsync(login.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var garbage = await (await factory.RefreshAsync("garbage")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        used.WithoutTraceId().Should().Be(garbage.WithoutTraceId());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"refreshToken\": \"\"}")]
    [InlineData("{\"refreshToken\": null}")]
    public async Task Refresh_NoToken_Returns400(string json)
    {
        var response = await factory.Guarded().PostAsync(AccountApi.Refresh, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("refreshToken");
    }

    [Fact]
    public async Task Refresh_WrongType_Returns400()
    {
        var response = await factory.Guarded().PostAsJsonAsync(AccountApi.Refresh, new { refreshToken = 42 });

        await response.ShouldBeValidationProblemAsync("refreshToken");
    }

    [Fact]
    public async Task Refresh_AfterRoleChange_IssuesTheCurrentRole()
    {
        var (account, login) = await factory.SignUpAsync();
        await (await factory.Guarded(factory.Admin.Token()).PutAsJsonAsync($"{AccountApi.Users}/{account.Id}/role", new { role = "admin" }))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

        var pair = await RefreshOkAsync(login.RefreshToken);

        pair.Role.Should().Be("admin");
        AccountApi.Decode(pair.AccessToken).Payload.Str("role").Should().Be("admin");
    }

    [Fact]
    public async Task Logout_OwnToken_Returns204AndRevokesIt()
    {
        var (_, login) = await factory.SignUpAsync();

        var response = await factory.Guarded(login.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = login.RefreshToken });

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await RefreshRefusedAsync(login.RefreshToken);
    }

    [Fact]
    public async Task Logout_RotatedToken_RevokesTheCurrentOneOnly()
    {
        var (account, login) = await factory.SignUpAsync();
        var otherLogin = await factory.LoginAsync(account);
        var current = await RefreshOkAsync(login.RefreshToken);

        await (await factory.Guarded(current.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = current.RefreshToken }))
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await RefreshRefusedAsync(current.RefreshToken);
        (await RefreshOkAsync(otherLogin.RefreshToken)).UserId.Should().Be(account.Id, "logging out ends that login only");
    }

    [Fact]
    public async Task Logout_Twice_Returns204BothTimes()
    {
        var (account, login) = await factory.SignUpAsync();
        // The first logout ends the access tokens of its login too: the second is sent with another login's.
        var otherLogin = await factory.LoginAsync(account);

        var first = await factory.Guarded(login.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = login.RefreshToken });
        var second = await factory.Guarded(otherLogin.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = login.RefreshToken });

        await first.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await second.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Logout_UnknownToken_Returns204()
    {
        var response = await factory.Guarded(factory.User.Token()).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = "never-issued-token" });

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Logout_NoAccessToken_Returns401AndKeepsTheToken()
    {
        var (_, login) = await factory.SignUpAsync();

        var response = await factory.Guarded().PostAsJsonAsync(AccountApi.Logout, new { refreshToken = login.RefreshToken });

        await response.ShouldBeUnauthorizedAsync();
        await RefreshOkAsync(login.RefreshToken);
    }

    [Fact]
    public async Task Logout_AnotherUsersToken_Returns403AndKeepsTheToken()
    {
        var (_, victim) = await factory.SignUpAsync();

        var response = await factory.Guarded(factory.User.Token()).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = victim.RefreshToken });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await RefreshOkAsync(victim.RefreshToken);
    }

    [Fact]
    public async Task Logout_NoRefreshToken_Returns400()
    {
        var response = await factory.Guarded(factory.User.Token()).PostAsJsonAsync(AccountApi.Logout, new { });

        await response.ShouldBeValidationProblemAsync("refreshToken");
    }
}
