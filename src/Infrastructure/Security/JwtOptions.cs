using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>The <c>Jwt:*</c> settings: how access tokens are signed, checked and how long they live.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>How far a token's lifetime may be off the server's clock and still be accepted.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The key appsettings.Development.json carries: public, so refused in every other environment.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789";

    /// <summary>The HMAC secret of HS256 tokens; with RS256/ES256 it still keys the upload URL signatures and, unless <see cref="KeyEncryptionKey"/> is set, the encryption of generated private keys.</summary>
    public string? SigningKey { get; init; }

    /// <summary><c>HS256</c> (default: the shared secret), <c>RS256</c> or <c>ES256</c> (a key pair whose public half is published at /.well-known/jwks.json).</summary>
    public string Algorithm { get; init; } = SecurityAlgorithms.HmacSha256;

    /// <summary>With RS256/ES256: the private key in PEM; when unset the service generates its keys and keeps them in the database.</summary>
    public string? SigningKeyPem { get; init; }

    /// <summary>With generated keys: the secret (at least 32 bytes) their private halves are encrypted under; <see cref="SigningKey"/> when unset.</summary>
    public string? KeyEncryptionKey { get; init; }

    public bool IsAsymmetric => Algorithm != SecurityAlgorithms.HmacSha256;
    public string Issuer { get; init; } = "musicplayer";
    public string Audience { get; init; } = "musicplayer";
    public int AccessTokenMinutes { get; init; } = 15;
    public int RefreshTokenDays { get; init; } = 14;

    /// <summary>Reads and checks the settings; a missing or short key stops start-up with a clear message.</summary>
    public static JwtOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<JwtOptions>() ?? new JwtOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
            throw new InvalidOperationException(
                "Jwt:SigningKey is not configured. Set it (at least 32 bytes) through configuration, e.g. the Jwt__SigningKey environment variable.");
        if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinimumKeyBytes)
            throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes.");
        if (options.Algorithm != SecurityAlgorithms.HmacSha256 && !AsymmetricKey.IsSupported(options.Algorithm))
            throw new InvalidOperationException($"Jwt:Algorithm '{options.Algorithm}' is not supported: use HS256, RS256 or ES256.");
        if (!options.IsAsymmetric && !string.IsNullOrWhiteSpace(options.SigningKeyPem))
            throw new InvalidOperationException("Jwt:SigningKeyPem is set but Jwt:Algorithm is HS256: set Jwt:Algorithm to RS256 or ES256 to use it.");
        if (options.KeyEncryptionKey is not null && Encoding.UTF8.GetByteCount(options.KeyEncryptionKey) < MinimumKeyBytes)
            throw new InvalidOperationException($"Jwt:KeyEncryptionKey must be at least {MinimumKeyBytes} bytes.");
        if (options.AccessTokenMinutes <= 0 || options.RefreshTokenDays <= 0)
            throw new InvalidOperationException("Jwt:AccessTokenMinutes and Jwt:RefreshTokenDays must be positive.");
        return options;
    }

    /// <summary>Stops start-up outside Development when the key is the published development key.</summary>
    public JwtOptions EnsureUsableIn(string environmentName, bool isDevelopment) =>
        !isDevelopment && SigningKey == DevelopmentSigningKey
            ? throw new InvalidOperationException(
                $"Jwt:SigningKey is the development key, which is public; the {environmentName} environment needs a secret key of its own.")
            : this;

    /// <summary>
    /// A token's lifetime checked by the service's clock (the one it issues tokens by): an expiry is required,
    /// and now must lie between not-before and expiry, each widened by <see cref="ClockSkew"/>.
    /// </summary>
    public static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } expiry
        && (notBefore is not { } start || (start <= expiry && now >= start.ToUniversalTime() - ClockSkew))
        && now < expiry.ToUniversalTime() + ClockSkew;

    /// <summary>
    /// What a token must satisfy: signed with the configured algorithm only (no other, no <c>none</c>), by the key
    /// its <c>kid</c> names in <paramref name="keys"/> (never by trying every key), issuer, audience, lifetime
    /// (by <paramref name="clock"/>, the clock tokens are issued by).
    /// </summary>
    public TokenValidationParameters ValidationParameters(SigningKeyRing keys, TimeProvider clock) => new()
    {
        LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, clock.GetUtcNow().UtcDateTime),
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeyResolver = keys.Resolve,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [Algorithm],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        NameClaimType = ClaimNames.Subject,
        RoleClaimType = ClaimNames.Role,
    };
}

/// <summary>The claim names of our tokens (JWT registered names; no legacy SOAP URIs).</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string TokenId = "jti";

    /// <summary>The user's session version when the token was issued; a password change bumps it.</summary>
    public const string SessionVersion = "sv";

    /// <summary>The login (refresh token family) the token was issued to; logout and refresh token reuse end it.</summary>
    public const string LoginId = "lid";
}
