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

    public string? SigningKey { get; init; }
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

    public SymmetricSecurityKey Key => new(Encoding.UTF8.GetBytes(SigningKey!));

    /// <summary>What a token must satisfy: our key with HMAC-SHA256 only, issuer, audience, lifetime.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
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
