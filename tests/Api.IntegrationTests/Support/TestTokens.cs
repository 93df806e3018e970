using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// Mints access tokens the way the app expects them: issuer and audience "musicplayer", HMAC-SHA256
/// with the test key, claims sub, role, jti, iat and exp, and the user's session version (sv),
/// which the app checks against the database on every request.
/// </summary>
public static class TestTokens
{
    public const string SigningKey = "integration-tests-only-signing-key-0123456789abcdef";
    public const string Issuer = "musicplayer";
    public const string Audience = "musicplayer";
    public static string Create(
        int userId,
        string? role,
        int? sessionVersion = 1,
        string key = SigningKey,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? issuedAt = null,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string? subject = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject ?? userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (role is not null) claims["role"] = role;
        if (sessionVersion is not null) claims["sv"] = sessionVersion.Value;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt ?? now,
            NotBefore = notBefore ?? issuedAt ?? now,
            Expires = expires ?? now.AddMinutes(15),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token for <paramref name="account"/> that expired ten minutes ago (well past the app's clock skew).</summary>
    public static string Expired(TestAccount account)
    {
        var now = DateTime.UtcNow;
        return Create(account.Id, account.Role, account.SessionVersion, issuedAt: now.AddMinutes(-30), expires: now.AddMinutes(-10));
    }

    /// <summary>An unsigned token (<c>alg: none</c>) for <paramref name="account"/>, otherwise valid.</summary>
    public static string Unsigned(TestAccount account)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["role"] = account.Role,
            ["sv"] = account.SessionVersion,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 900,
        }));
        return $"{header}.{payload}.";
    }

    private static string Base64Url(byte[] bytes) => Base64UrlEncoder.Encode(bytes);
}
