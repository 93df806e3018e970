using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// POST /api/v1/auth/login: the token pair, case-insensitive email, one indistinguishable 401 for a
/// wrong email, a wrong password and a locked account, and the claims of the access token.
/// </summary>
public sealed class LoginTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _anonymous = factory.Guarded();

    private Task<HttpResponseMessage> LoginAsync(string? email, string? password) =>
        _anonymous.PostAsJsonAsync(AccountApi.Login, new { email, password });

    /// <summary>The 401 an unknown email gets: what every failed login must look like.</summary>
    private async Task<(string Body, string Challenge)> UnknownEmailAnswerAsync()
    {
        var response = await LoginAsync($"{Unique.Name("nobody")}@tests.example.com", AccountApi.Password);
        return await FailedLoginAsync(response);
    }

    private static async Task<(string Body, string Challenge)> FailedLoginAsync(HttpResponseMessage response)
    {
        await response.ShouldBeUnauthorizedAsync();
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.WithoutTraceId(), string.Join(",", response.Headers.WwwAuthenticate));
    }

    [Fact]
    public async Task Login_ValidCredentials_Returns200WithTokenPair()
    {
        var account = await factory.RegisterAsync();

        var body = await (await LoginAsync(account.Email, account.Password)).ShouldBeJsonAsync(HttpStatusCode.OK);

        body.Properties().Should().BeEquivalentTo("accessToken", "tokenType", "expiresIn", "refreshToken", "userId", "role");
        body.Str("tokenType").Should().Be("Bearer");
        body.GetProperty("expiresIn").GetInt32().Should().Be(15 * 60, "the default lifetime is 15 minutes");
        body.GetProperty("userId").GetInt32().Should().Be(account.Id);
        body.Str("role").Should().Be("user");
        body.Str("refreshToken").Should().MatchRegex("^[A-Za-z0-9_-]{43,}$", "a refresh token carries at least 256 random bits");
        body.Str("refreshToken").Should().NotBe(body.Str("accessToken"));
        var me = await (await factory.Guarded(body.Str("accessToken")).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
        me.Id().Should().Be(account.Id);
    }

    [Fact]
    public async Task Login_Twice_IssuesDifferentTokens()
    {
        var account = await factory.RegisterAsync();

        var first = await factory.LoginAsync(account);
        var second = await factory.LoginAsync(account);

        second.AccessToken.Should().NotBe(first.AccessToken);
        second.RefreshToken.Should().NotBe(first.RefreshToken);
    }

    [Fact]
    public async Task Login_AccessToken_CarriesTheContractClaims()
    {
        var account = await factory.RegisterAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var tokens = await factory.LoginAsync(account);

        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (header, payload) = AccountApi.Decode(tokens.AccessToken);
        header.Str("alg").Should().Be("HS256");
        payload.Str("sub").Should().Be(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        payload.Str("role").Should().Be("user");
        payload.Str("jti").Should().NotBeNullOrWhiteSpace();
        payload.Str("iss").Should().Be("musicplayer");
        payload.Str("aud").Should().Be("musicplayer");
        var iat = payload.GetProperty("iat").GetInt64();
        iat.Should().BeInRange(before - 1, after + 1);
        payload.GetProperty("exp").GetInt64().Should().Be(iat + 15 * 60);
        payload.Properties().Should().NotContain(p => p.Contains("password", StringComparison.OrdinalIgnoreCase) || p == "email");
    }

    [Fact]
    public async Task Login_TwoLogins_CarryDifferentTokenIds()
    {
        var account = await factory.RegisterAsync();

        var first = AccountApi.Decode((await factory.LoginAsync(account)).AccessToken).Payload.Str("jti");
        var second = AccountApi.Decode((await factory.LoginAsync(account)).AccessToken).Payload.Str("jti");

        second.Should().NotBe(first);
    }

    [Theory]
    [InlineData("upper")]
    [InlineData("mixed")]
    [InlineData("padded")]
    public async Task Login_EmailInAnotherCase_Returns200(string variant)
    {
        var account = await factory.RegisterAsync();
        var email = variant switch
        {
            "upper" => account.Email.ToUpperInvariant(),
            "padded" => $"  {account.Email} ",
            _ => string.Concat(account.Email.Select((c, i) => i % 2 == 1 ? char.ToUpperInvariant(c) : c)),
        };

        var tokens = await factory.LoginAsync(email, account.Password);

        tokens.UserId.Should().Be(account.Id);
    }

    [Fact]
    public async Task Login_PasswordInAnotherCase_Returns401()
    {
        var account = await factory.RegisterAsync();

        var response = await LoginAsync(account.Email, account.Password.ToUpperInvariant());

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Login_WrongEmailOrWrongPassword_SameAnswerApartFromTraceId()
    {
        var account = await factory.RegisterAsync();

        var unknownEmail = await UnknownEmailAnswerAsync();
        var wrongPasswordResponse = await LoginAsync(account.Email, "wrong-password-1");
        var wrongPassword = await FailedLoginAsync(wrongPasswordResponse);

        wrongPassword.Should().Be(unknownEmail);
        wrongPasswordResponse.Content.Headers.ContentType!.ToString().Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksEvenTheRightPasswordOutWithTheSameAnswer()
    {
        var account = await factory.RegisterAsync();
        var unknownEmail = await UnknownEmailAnswerAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
            (await FailedLoginAsync(await LoginAsync(account.Email, $"wrong-password-{attempt}"))).Should().Be(unknownEmail);

        var locked = await FailedLoginAsync(await LoginAsync(account.Email, account.Password));
        locked.Should().Be(unknownEmail, "a locked account answers exactly like wrong credentials");
        (await FailedLoginAsync(await LoginAsync(account.Email.ToUpperInvariant(), account.Password))).Should().Be(unknownEmail);
    }

    [Fact]
    public async Task Login_FourWrongPasswordsThenTheRightOne_Returns200AndStartsCountingAgain()
    {
        var account = await factory.RegisterAsync();
        for (var attempt = 1; attempt <= 4; attempt++)
            await (await LoginAsync(account.Email, $"wrong-password-{attempt}")).ShouldBeUnauthorizedAsync();

        (await factory.LoginAsync(account)).UserId.Should().Be(account.Id);

        for (var attempt = 1; attempt <= 4; attempt++)
            await (await LoginAsync(account.Email, $"wrong-password-{attempt}")).ShouldBeUnauthorizedAsync();
        (await factory.LoginAsync(account)).UserId.Should().Be(account.Id, "a success resets the count of failures in a row");
    }

    [Fact]
    public async Task Login_ManyWrongPasswordsAtOnce_LocksTheAccount()
    {
        var account = await factory.RegisterAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => LoginAsync(account.Email, $"wrong-password-{i}")));

        foreach (var response in responses) await response.ShouldBeUnauthorizedAsync();
        await (await LoginAsync(account.Email, account.Password)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Login_OneAccountLocked_OtherAccountsStillLogIn()
    {
        var locked = await factory.RegisterAsync();
        var other = await factory.RegisterAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
            await (await LoginAsync(locked.Email, $"wrong-password-{attempt}")).ShouldBeUnauthorizedAsync();

        (await factory.LoginAsync(other)).UserId.Should().Be(other.Id);
    }

    [Fact]
    public async Task Login_LockedAccount_KeepsItsIssuedTokens()
    {
        var (account, tokens) = await factory.SignUpAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
            await (await LoginAsync(account.Email, $"wrong-password-{attempt}")).ShouldBeUnauthorizedAsync();

        // Someone guessing at the password must not be able to sign the owner out.
        await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_MissingFields_Returns400ForEach()
    {
        var response = await _anonymous.PostAsJsonAsync(AccountApi.Login, new { });

        await response.ShouldBeValidationProblemAsync("email", "password");
    }

    [Theory]
    [InlineData("", "some-password-1", "email")]
    [InlineData("   ", "some-password-1", "email")]
    [InlineData("someone@tests.example.com", "", "password")]
    public async Task Login_EmptyField_Returns400(string email, string password, string field)
    {
        var response = await LoginAsync(email, password);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Login_HugePassword_Returns401()
    {
        var account = await factory.RegisterAsync();

        var response = await LoginAsync(account.Email, new string('p', 500_000) + "1");

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Login_SqlInjectionInEmail_Returns401()
    {
        await factory.RegisterAsync();

        var response = await LoginAsync("' OR '1'='1' --@x.com", "' OR '1'='1");

        await response.ShouldBeUnauthorizedAsync();
    }
}
