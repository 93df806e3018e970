using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MusicPlayer.Api.Security;

/// <summary>The <c>kid</c> in the header of the request's bearer token, read without validating anything (to know whether the key ring must reload).</summary>
internal static class BearerKid
{
    public static string? Of(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length == 0) return null;
        try
        {
            return new JsonWebToken(token).Kid;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return null; // malformed: validation answers it
        }
    }
}
