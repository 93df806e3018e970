using System.Text.Json.Serialization;

namespace MusicPlayer.Application.Features.Tokens;

/// <summary>A JSON Web Key Set (RFC 7517): the public keys that verify our access tokens.</summary>
public sealed record JsonWebKeySetDto(IReadOnlyList<JsonWebKeyDto> Keys);

/// <summary>
/// One public key (RFC 7517/7518): <c>kty</c> RSA with <c>n</c> and <c>e</c>, or EC with <c>crv</c>, <c>x</c>
/// and <c>y</c>; <c>kid</c> is the RFC 7638 thumbprint, which tokens signed with the key carry in their header.
/// </summary>
public sealed record JsonWebKeyDto
{
    public string Kty { get; init; } = "";
    public string Use { get; init; } = "sig";
    public string Kid { get; init; } = "";
    public string Alg { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? N { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? E { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Crv { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? X { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Y { get; init; }
}

/// <summary>The key that signs access tokens from now on.</summary>
public sealed record SigningKeyDto(string Kid, string Algorithm, DateTime CreatedAt);
