using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

public sealed class Rs256TokenTests(Rs256Factory factory) : AsymmetricTokenTests<Rs256Factory>(factory), IClassFixture<Rs256Factory>;

public sealed class Es256TokenTests(Es256Factory factory) : AsymmetricTokenTests<Es256Factory>(factory), IClassFixture<Es256Factory>;

/// <summary>
/// Tokens other services verify with our public keys: every token names its key (<c>kid</c>), the JWKS publishes the
/// current and still-valid previous keys, a rotation keeps old tokens working until they expire, and validation
/// refuses algorithm confusion, <c>alg: none</c>, unknown keys and keys carried in the token's header.
/// </summary>
public abstract class AsymmetricTokenTests<TFactory>(TFactory factory) where TFactory : AsymmetricTokenFactory
{
    private const string Jwks = "/.well-known/jwks.json";
    private const string Rotate = "/api/v1/admin/signing-keys/rotate";

    private static readonly Dictionary<string, string[]> PublicMembers = new()
    {
        ["RS256"] = ["kty", "use", "kid", "alg", "n", "e"],
        ["ES256"] = ["kty", "use", "kid", "alg", "crv", "x", "y"],
    };

    private async Task<string> TokenAsync() => (await factory.SignUpAsync()).Tokens.AccessToken;

    private async Task<string> AdminTokenAsync()
    {
        var (account, tokens) = await factory.SignUpAsync();
        // The role is read from the database on every request: the token acts as an admin from now on.
        await factory.ChangeAccountAsync(account.Id, u => u.SetRole("admin", DateTime.UtcNow));
        return tokens.AccessToken;
    }

    private async Task<JsonElement[]> KeysAsync()
    {
        var response = await factory.Anonymous().GetAsync(Jwks);
        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        return body.GetProperty("keys").EnumerateArray().ToArray();
    }

    private static string Kid(string token) => AccountApi.Decode(token).Header.Str("kid");

    private async Task<HttpStatusCode> MeAsync(string token) => (await factory.Guarded(token).GetAsync(AccountApi.Me)).StatusCode;

    /// <summary>A token like the app's own, signed with <paramref name="credentials"/>, with extra header parameters.</summary>
    private async Task<string> SignAsync(SigningCredentials credentials, IDictionary<string, object>? header = null)
    {
        var genuine = AccountApi.Decode(await TokenAsync()).Payload;
        var claims = genuine.EnumerateObject()
            .Where(p => p.Name is not ("iat" or "nbf" or "exp" or "iss" or "aud"))
            .ToDictionary(p => p.Name, p => (object)(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : p.Value.GetString()!));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = credentials,
            AdditionalHeaderClaims = header,
        });
    }

    private SigningCredentials AppCredentials => factory.Services.GetRequiredService<SigningKeyRing>().SigningCredentials;

    private SigningCredentials AttackerCredentials(string? kid)
    {
        SecurityKey key = factory.Algorithm == "RS256" ? new RsaSecurityKey(RSA.Create(2048)) : new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        key.KeyId = kid;
        return new SigningCredentials(key, factory.Algorithm);
    }

    [Fact]
    public async Task Login_IssuesATokenSignedWithTheAlgorithmAndNamingAPublishedKey()
    {
        var token = await TokenAsync();

        var header = AccountApi.Decode(token).Header;
        header.Str("alg").Should().Be(factory.Algorithm);
        var key = (await KeysAsync()).Should().ContainSingle(k => k.Str("kid") == Kid(token)).Subject;
        key.Properties().Should().BeEquivalentTo(PublicMembers[factory.Algorithm], "a JWK of a public key, never a private member (d, p, q, ...)");
        key.Str("use").Should().Be("sig");
        key.Str("alg").Should().Be(factory.Algorithm);
        (await MeAsync(token)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Jwks_PublicCacheableAndVerifiesOurTokens()
    {
        var token = await TokenAsync();

        var response = await factory.Anonymous().GetAsync(Jwks);

        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromSeconds(300));
        var set = new JsonWebKeySet(await response.Content.ReadAsStringAsync());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = TestTokens.Issuer,
            ValidAudience = TestTokens.Audience,
            IssuerSigningKeys = set.GetSigningKeys(),
            ValidAlgorithms = [factory.Algorithm],
            LifetimeValidator = (notBefore, expires, _, _) => JwtOptions.IsWithinLifetime(notBefore, expires, factory.Clock.GetUtcNow().UtcDateTime),
        });
        result.IsValid.Should().BeTrue("a verifier holding only the JWKS accepts our token: {0}", result.Exception?.Message);
    }

    [Fact]
    public async Task Jwks_KeyIdIsTheRfc7638ThumbprintOfTheKey()
    {
        foreach (var key in await KeysAsync())
        {
            var jwk = new JsonWebKey(key.GetRawText());
            Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()).Should().Be(key.Str("kid"));
        }
    }

    [Fact]
    public async Task Rotate_NewKeySigns_OldTokensWorkUntilTheyExpire_ThenTheOldKeyLeavesTheSet()
    {
        var admin = await AdminTokenAsync();
        var before = await TokenAsync();

        var response = await factory.Guarded(admin).PostAsync(Rotate, null);

        var rotated = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        rotated.Str("algorithm").Should().Be(factory.Algorithm);
        var newKid = rotated.Str("kid");
        newKid.Should().NotBe(Kid(before));
        var after = await TokenAsync();
        Kid(after).Should().Be(newKid, "the new key signs from now on");
        (await KeysAsync()).Select(k => k.Str("kid")).Should().Contain([Kid(before), newKid]);
        (await MeAsync(before)).Should().Be(HttpStatusCode.OK, "the previous key verifies until its tokens expire");
        (await MeAsync(after)).Should().Be(HttpStatusCode.OK);

        // Past the access token lifetime (15 min), the clock skew and the refresh interval of every instance.
        factory.Clock.Advance(TimeSpan.FromMinutes(15) + JwtOptions.ClockSkew + SigningKeyRing.RefreshInterval + TimeSpan.FromSeconds(1));

        (await KeysAsync()).Select(k => k.Str("kid")).Should().NotContain(Kid(before)).And.Contain(newKid);
        (await MeAsync(before)).Should().Be(HttpStatusCode.Unauthorized, "its key has left the set");
        var later = await TokenAsync();
        Kid(later).Should().Be(newKid);
        (await MeAsync(later)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rotate_AsUser_Returns403AndChangesNothing()
    {
        var token = await TokenAsync();
        var kids = (await KeysAsync()).Select(k => k.Str("kid")).ToArray();

        await (await factory.Guarded(token).PostAsync(Rotate, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await KeysAsync()).Select(k => k.Str("kid")).Should().Equal(kids);
    }

    [Fact]
    public async Task TokenSignedWithTheAppsKey_IsAccepted_TheControlOfTheAttacksBelow()
    {
        (await MeAsync(await SignAsync(AppCredentials))).Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> Confusions => ["pem", "der", "jwk json"];

    [Theory]
    [MemberData(nameof(Confusions))]
    public async Task Hs256TokenSignedWithThePublicKeyAsSecret_Returns401(string secretForm)
    {
        var token = await TokenAsync();
        var jwk = (await KeysAsync()).Single(k => k.Str("kid") == Kid(token));
        var publicKey = factory.Services.GetRequiredService<SigningKeyRing>().Resolve("", null!, Kid(token), null!).Single();
        var der = publicKey switch
        {
            RsaSecurityKey rsa => rsa.Rsa.ExportSubjectPublicKeyInfo(),
            ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfo(),
            _ => throw new InvalidOperationException(),
        };
        var secret = secretForm switch
        {
            "pem" => Encoding.UTF8.GetBytes(PemEncoding.WriteString("PUBLIC KEY", der)),
            "der" => der,
            _ => Encoding.UTF8.GetBytes(jwk.GetRawText()),
        };

        var forged = await SignAsync(new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = Kid(token) }, SecurityAlgorithms.HmacSha256));

        AccountApi.Decode(forged).Header.Str("alg").Should().Be("HS256");
        await (await factory.Guarded(forged).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task HmacTokenSignedWithTheSharedSecret_Returns401()
    {
        var account = await factory.CreateAccountAsync("user");

        await (await factory.Guarded(account.Token()).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task AlgNone_Returns401()
    {
        var token = await TokenAsync();
        var unsigned = AccountApi.Tamper(token, header: h => h["alg"] = "none");

        await (await factory.Guarded(unsigned[..(unsigned.LastIndexOf('.') + 1)]).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        await (await factory.Guarded(unsigned).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task UnknownKid_Returns401()
    {
        await (await factory.Guarded(await SignAsync(AttackerCredentials("attackers-key"))).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task OurKidOnAnotherKeysSignature_Returns401()
    {
        var kid = Kid(await TokenAsync());

        await (await factory.Guarded(await SignAsync(AttackerCredentials(kid))).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task OurKidChangedToAnUnknownOne_Returns401()
    {
        var forged = AccountApi.Tamper(await TokenAsync(), header: h => h["kid"] = "unknown-key");

        await (await factory.Guarded(forged).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task NoKid_Returns401()
    {
        var credentials = AppCredentials;
        var withoutKid = credentials.Key switch
        {
            RsaSecurityKey rsa => (SecurityKey)new RsaSecurityKey(rsa.Rsa),
            ECDsaSecurityKey ec => new ECDsaSecurityKey(ec.ECDsa),
            _ => throw new InvalidOperationException(),
        };

        var token = await SignAsync(new SigningCredentials(withoutKid, credentials.Algorithm));

        AccountApi.Decode(token).Header.TryGetProperty("kid", out _).Should().BeFalse();
        await (await factory.Guarded(token).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    public static TheoryData<string> KeyHeaders => ["jwk", "jku", "x5u", "x5c", "crit"];

    [Theory]
    [MemberData(nameof(KeyHeaders))]
    public async Task KeyOrKeyUrlInTheHeader_Returns401EvenWhenSignedWithOurKey(string parameter)
    {
        var attacker = AttackerCredentials("attackers-key");
        object value = parameter switch
        {
            "jwk" => JsonSerializer.Deserialize<Dictionary<string, object>>(JsonSerializer.Serialize(
                JsonWebKeyConverter.ConvertFromSecurityKey(attacker.Key), new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault }))!,
            "jku" or "x5u" => "https://attacker.example/keys.json",
            "x5c" => new[] { "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" },
            _ => new[] { "exp" },
        };

        var token = await SignAsync(AppCredentials, new Dictionary<string, object> { [parameter] = value });

        AccountApi.Decode(token).Header.TryGetProperty(parameter, out _).Should().BeTrue();
        await (await factory.Guarded(token).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }
}
