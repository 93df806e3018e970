using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.Security;

/// <summary>
/// The bearer scheme's token handler: remembers tokens it has validated, so a client sending the same token on every
/// request pays for parsing and signature verification once (they were about a quarter of the CPU of a cheap
/// authenticated read; docs/performance.md). Keyed by the exact token string (ordinal): a token differing in any
/// byte is validated afresh. A remembered token is accepted again only while it is within its lifetime (checked
/// on every use, by the validation parameters' clock and skew) and while the key that verified it is still the
/// valid key its <c>kid</c> names (a retired key, a reloaded or rotated key ring sends it back through full
/// validation). Only successes are remembered. What runs after validation (the session check, OnTokenValidated)
/// runs on every request as before, on a fresh copy of the identity.
/// The handler is bound to the one scheme it is configured for: its validation parameters never change.
/// </summary>
internal sealed class CachingTokenHandler(SigningKeyRing keys, int capacity = CachingTokenHandler.DefaultCapacity) : JsonWebTokenHandler
{
    /// <summary>Tokens remembered at most; a full cache drops its expired tokens, or, if none, starts over.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    /// <summary>Tokens remembered now (for tests).</summary>
    internal int Count => _validated.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _validated.TryGetValue(token, out var known))
        {
            if (StillValid(known.Token, validationParameters))
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = known.Token,
                    ClaimsIdentity = known.Identity.Clone(),
                    Issuer = known.Token.Issuer,
                    TokenType = known.Token.Typ,
                };
            _validated.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token!, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.SigningKey is not null)
            Remember(token!, new Validated(jwt, result.ClaimsIdentity.Clone()), validationParameters);
        return result;
    }

    private bool StillValid(JsonWebToken jwt, TokenValidationParameters parameters) =>
        keys.StillVerifies(jwt.Kid, jwt.SigningKey) && WithinLifetime(jwt, parameters);

    private static bool WithinLifetime(JsonWebToken jwt, TokenValidationParameters parameters)
    {
        try
        {
            Validators.ValidateLifetime(
                jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom, // MinValue: the claim is absent
                jwt.ValidTo == DateTime.MinValue ? null : jwt.ValidTo,
                jwt, parameters);
            return true;
        }
        catch (SecurityTokenException)
        {
            return false;
        }
    }

    private void Remember(string token, Validated validated, TokenValidationParameters parameters)
    {
        if (_validated.Count >= capacity)
        {
            foreach (var (key, entry) in _validated)
                if (!WithinLifetime(entry.Token, parameters)) _validated.TryRemove(key, out _);
            if (_validated.Count >= capacity) _validated.Clear();
        }
        _validated[token] = validated;
    }

    /// <summary>A validated token and the identity made from it; callers get copies (the session check changes its role claim).</summary>
    private sealed record Validated(JsonWebToken Token, ClaimsIdentity Identity);
}
