using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

/// <summary>The app with extra settings.</summary>
public class SettingsFactory(IReadOnlyDictionary<string, string> settings) : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}

/// <summary>The app signing RS256 with a key from <c>Jwt:SigningKeyPem</c>.</summary>
public sealed class PemFactory() : SettingsFactory(new Dictionary<string, string>
{
    ["Jwt:Algorithm"] = "RS256",
    ["Jwt:SigningKeyPem"] = Pem,
})
{
    private static readonly RSA Key = RSA.Create(2048);
    public static readonly string Pem = Key.ExportPkcs8PrivateKeyPem();

    /// <summary>The RFC 7638 thumbprint of the configured key, computed here independently of the app.</summary>
    public static string Thumbprint =>
        Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.ExportParameters(false))).ComputeJwkThumbprint());
}

/// <summary>HS256 (the default) keeps today's tokens, with a key id; a configured PEM is used as is; bad settings stop start-up.</summary>
public sealed class SigningKeyConfigurationTests(PemFactory pem) : IClassFixture<PemFactory>
{
    private const string Jwks = "/.well-known/jwks.json";
    private const string Rotate = "/api/v1/admin/signing-keys/rotate";

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }

    [Fact]
    public async Task Hs256_TokensCarryAKeyId_KidlessOnesStillWork_UnknownKidsDoNot_NothingIsPublished_NothingRotates()
    {
        await using var factory = new MusicPlayerFactory();
        await factory.InitializeAsync();
        var (_, tokens) = await factory.SignUpAsync();

        var header = AccountApi.Decode(tokens.AccessToken).Header;
        header.Str("alg").Should().Be("HS256");
        header.Str("kid").Should().StartWith("hs-");
        (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK);
        var kidless = factory.User.Token();
        AccountApi.Decode(kidless).Header.TryGetProperty("kid", out _).Should().BeFalse();
        (await factory.Guarded(kidless).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK, "tokens issued before key ids still verify");
        var unknownKid = AccountApi.Tamper(tokens.AccessToken, header: h => h["kid"] = "hs-someone-elses");
        await (await factory.Guarded(unknownKid).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();

        var jwks = await (await factory.Anonymous().GetAsync(Jwks)).ShouldBeJsonAsync(HttpStatusCode.OK);
        jwks.GetProperty("keys").GetArrayLength().Should().Be(0, "a shared secret is never published");
        await (await factory.AsAdmin().PostAsync(Rotate, null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Pem_SignsWithTheConfiguredKey_PublishesIt_StoresNoKey_AndDoesNotRotate()
    {
        var (_, tokens) = await pem.SignUpAsync();

        AccountApi.Decode(tokens.AccessToken).Header.Str("kid").Should().Be(PemFactory.Thumbprint);
        var jwks = await (await pem.Anonymous().GetAsync(Jwks)).ShouldBeJsonAsync(HttpStatusCode.OK);
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.Str("kid")).Should().Equal(PemFactory.Thumbprint);
        (await pem.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var scope = pem.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().SigningKeys.CountAsync()).Should().Be(0);
        var admin = await pem.SignUpAsync();
        await pem.ChangeAccountAsync(admin.Account.Id, u => u.SetRole("admin", DateTime.UtcNow));
        await (await pem.Guarded(admin.Tokens.AccessToken).PostAsync(Rotate, null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "Jwt:Algorithm", "RS512", "", "Jwt:Algorithm 'RS512' is not supported" },
        { "Jwt:Algorithm", "none", "", "Jwt:Algorithm 'none' is not supported" },
        { "Jwt:Algorithm", "HS256", PemFactory.Pem, "Jwt:SigningKeyPem is set but Jwt:Algorithm is HS256" },
        { "Jwt:Algorithm", "ES256", PemFactory.Pem, "Jwt:SigningKeyPem is not an ECDSA P-256 key" },
        { "Jwt:Algorithm", "RS256", RSA.Create(1024).ExportPkcs8PrivateKeyPem(), "RS256 needs at least 2048" },
        { "Jwt:Algorithm", "RS256", RSA.Create(2048).ExportSubjectPublicKeyInfoPem(), "holds a public key" },
        { "Jwt:Algorithm", "ES256", ECDsa.Create(ECCurve.NamedCurves.nistP384).ExportPkcs8PrivateKeyPem(), "not on the P-256 curve" },
        { "Jwt:Algorithm", "RS256", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----", "Jwt:SigningKeyPem is not an RSA key" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_UnusableTokenSettings_ThrowsAClearMessage(string key, string algorithm, string pemText, string message)
    {
        var settings = new Dictionary<string, string> { [key] = algorithm };
        if (pemText.Length > 0) settings["Jwt:SigningKeyPem"] = pemText;
        await using var factory = new SettingsFactory(settings);

        var start = () => factory.CreateClient();

        Flatten(start.Should().Throw<Exception>().Which).Should().Contain(e => e.Message.Contains(message));
    }

    [Fact]
    public async Task Start_ShortKeyEncryptionKey_Throws()
    {
        await using var factory = new SettingsFactory(new Dictionary<string, string> { ["Jwt:Algorithm"] = "ES256", ["Jwt:KeyEncryptionKey"] = "short" });

        var start = () => factory.CreateClient();

        Flatten(start.Should().Throw<Exception>().Which).Should().Contain(e => e.Message.Contains("Jwt:KeyEncryptionKey must be at least 32 bytes"));
    }
}

/// <summary>Generated private keys are stored encrypted (AES-GCM under a key derived from configuration) and bound to their row.</summary>
public sealed class SigningKeyStorageTests(Es256Factory factory) : IClassFixture<Es256Factory>
{
    [Fact]
    public async Task GeneratedKey_IsStoredEncrypted_AndOnlyTheConfiguredSecretOpensIt()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().SigningKeys.AsNoTracking()
            .SingleAsync(k => k.RetiredAt == null);
        var ring = factory.Services.GetRequiredService<SigningKeyRing>();
        var privateKey = ((ECDsaSecurityKey)ring.SigningCredentials.Key).ECDsa.ExportPkcs8PrivateKey();
        var ours = new SigningKeyProtector(TestTokens.SigningKey);

        row.EncryptedPrivateKey.AsSpan().IndexOf(privateKey.AsSpan(privateKey.Length - 32)).Should().Be(-1, "the private scalar is not stored in the clear");
        ours.Unprotect(row.EncryptedPrivateKey, row.Kid).Should().Equal(privateKey);
        new SigningKeyProtector("another-secret-of-at-least-32-bytes-0123").Unprotect(row.EncryptedPrivateKey, row.Kid).Should().BeNull();
        ours.Unprotect(row.EncryptedPrivateKey, "another-kid").Should().BeNull("the key id is bound to the ciphertext");
        var tampered = row.EncryptedPrivateKey.ToArray();
        tampered[^1] ^= 1;
        ours.Unprotect(tampered, row.Kid).Should().BeNull();
    }
}
