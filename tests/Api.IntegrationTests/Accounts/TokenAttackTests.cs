using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// Forged and doctored access tokens against the account endpoints: every one is a 401 (never a 403,
/// never a 500), while the untouched token it was made from works. The catalog's share of these
/// attacks is in <see cref="Security.AuthenticationTests"/>.
/// </summary>
public sealed class TokenAttackTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const string OtherKey = "an-attackers-own-signing-key-0123456789abcdef";

    public static TheoryData<string, string> AttacksOnEndpoints
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var attack in new[]
                     {
                         "alg none, unsigned", "alg none, signature kept", "alg HS512 in the header", "signature stripped",
                         "signed with another key", "payload role changed to admin", "payload sub changed to an admin",
                         "payload exp extended", "payload sv changed", "expired", "not yet valid", "no expiry",
                         "wrong issuer", "wrong audience", "no issuer",
                     })
            foreach (var endpoint in new[] { AccountApi.Me, AccountApi.Users }) // authenticated; admin
                data.Add(attack, endpoint);
            return data;
        }
    }

    /// <summary>A token for <paramref name="account"/> signed with the app's key, with or without an issuer and an expiry.</summary>
    private static string Handcrafted(TestAccount account, string? issuer, DateTime? expires)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["role"] = account.Role,
                ["sv"] = account.SessionVersion,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The forged token, and the genuine one it was made from (which must work on the endpoint).</summary>
    private async Task<(string Forged, string Genuine)> ForgeAsync(string attack)
    {
        var admin = await factory.CreateAccountAsync("admin");
        var user = await factory.CreateAccountAsync("user");
        var now = DateTime.UtcNow;
        var adminToken = admin.Token();
        return attack switch
        {
            "alg none, unsigned" => (TestTokens.Unsigned(admin), adminToken),
            "alg none, signature kept" => (AccountApi.Tamper(adminToken, header: h => h["alg"] = "none"), adminToken),
            "alg HS512 in the header" => (AccountApi.Tamper(adminToken, header: h => h["alg"] = "HS512"), adminToken),
            "signature stripped" => (adminToken[..(adminToken.LastIndexOf('.') + 1)], adminToken),
            "signed with another key" => (TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, key: OtherKey), adminToken),
            // Forged from a user's token, so a working forgery would show as 200 rather than the user's 403.
            "payload role changed to admin" => (AccountApi.Tamper(user.Token(), payload: p => p["role"] = "admin"), adminToken),
            "payload sub changed to an admin" => (AccountApi.Tamper(user.Token(), payload: p => p["sub"] = admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), adminToken),
            "payload exp extended" => (AccountApi.Tamper(TestTokens.Expired(admin), payload: p => p["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()), adminToken),
            "payload sv changed" => (AccountApi.Tamper(adminToken, payload: p => p["sv"] = admin.SessionVersion + 1), adminToken),
            "expired" => (TestTokens.Expired(admin), adminToken),
            "not yet valid" => (TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, issuedAt: now, notBefore: now.AddMinutes(5), expires: now.AddMinutes(20)), adminToken),
            "no expiry" => (Handcrafted(admin, TestTokens.Issuer, expires: null), adminToken),
            "wrong issuer" => (TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, issuer: "evil-issuer"), adminToken),
            "wrong audience" => (TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, audience: "another-service"), adminToken),
            "no issuer" => (Handcrafted(admin, issuer: null, now.AddMinutes(15)), adminToken),
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
        };
    }

    [Theory]
    [MemberData(nameof(AttacksOnEndpoints))]
    public async Task AccountEndpoint_ForgedToken_Returns401(string attack, string endpoint)
    {
        var (forged, genuine) = await ForgeAsync(attack);
        (await factory.Guarded(genuine).GetAsync(endpoint)).StatusCode.Should().Be(HttpStatusCode.OK, "the genuine token works");

        var response = await factory.Guarded(forged).GetAsync(endpoint);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ListUsers_IssuedUserTokenWithRoleTamperedToAdmin_Returns401()
    {
        var (_, tokens) = await factory.SignUpAsync();
        var forged = AccountApi.Tamper(tokens.AccessToken, payload: p => p["role"] = "admin");
        AccountApi.Decode(forged).Payload.Str("role").Should().Be("admin");

        var response = await factory.Guarded(forged).GetAsync(AccountApi.Users);

        await response.ShouldBeUnauthorizedAsync();
        (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Users)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetMe_IssuedTokenWithSubjectOfAnotherUser_Returns401()
    {
        var (_, tokens) = await factory.SignUpAsync();
        var victim = await factory.RegisterAsync();

        var forged = AccountApi.Tamper(tokens.AccessToken, payload: p => p["sub"] = victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await (await factory.Guarded(forged).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetMe_IssuedTokenMadeUnsigned_Returns401()
    {
        var (_, tokens) = await factory.SignUpAsync();
        var unsigned = AccountApi.Tamper(tokens.AccessToken, header: h => h["alg"] = "none");

        var response = await factory.Guarded(unsigned[..(unsigned.LastIndexOf('.') + 1)]).GetAsync(AccountApi.Me);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetMe_TokenSignedWithTheRefreshTokenAsKey_Returns401()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var forged = TestTokens.Create(account.Id, "admin", 1, key: tokens.RefreshToken);

        await (await factory.Guarded(forged).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetMe_RefreshTokenAsBearer_Returns401()
    {
        var (_, tokens) = await factory.SignUpAsync();

        await (await factory.Guarded(tokens.RefreshToken).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetMe_TokenInQueryString_Returns401()
    {
        var (_, tokens) = await factory.SignUpAsync();

        var response = await factory.Guarded().GetAsync($"{AccountApi.Me}?access_token={tokens.AccessToken}");

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetMe_TokenOfUserDeletedThroughTheApi_Returns401()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var client = factory.Guarded(tokens.AccessToken);
        await (await client.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);

        await (await factory.Guarded(factory.Admin.Token()).DeleteAsync($"{AccountApi.Users}/{account.Id}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        foreach (var path in new[] { AccountApi.Me, AccountApi.MyLikes, $"{AccountApi.Users}/{account.Id}", AccountApi.Users })
            await (await client.GetAsync(path)).ShouldBeUnauthorizedAsync();
        await (await client.PutAsJsonAsync(AccountApi.Me, new { username = account.Username, firstName = "Ghost" })).ShouldBeUnauthorizedAsync();
        await (await client.PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = account.Password, newPassword = "ghost-password-1" }))
            .ShouldBeUnauthorizedAsync();
        await (await client.PostAsJsonAsync(AccountApi.Logout, new { refreshToken = tokens.RefreshToken })).ShouldBeUnauthorizedAsync();
    }
}
