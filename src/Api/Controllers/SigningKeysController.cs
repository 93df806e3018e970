using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Features.Tokens;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Tags("Tokens")]
public sealed class SigningKeysController(IMediator mediator) : ControllerBase
{
    /// <summary>Public keys of our access tokens (JWKS)</summary>
    /// <remarks>A JSON Web Key Set (RFC 7517) with the key that signs access tokens now and every previous one whose tokens may still be valid; a token's kid header names its key. Other services verify our tokens with it. Empty with Jwt:Algorithm HS256. Cacheable for 5 minutes; refetch it when a token names a kid you do not have.</remarks>
    [HttpGet(OpenApiSetup.JwksPath)]
    [Sends<GetJwks.Query>]
    public async Task<ActionResult<JsonWebKeySetDto>> Jwks(CancellationToken ct)
    {
        var keys = await mediator.Send(new GetJwks.Query(), ct);
        Response.Headers.CacheControl = "public, max-age=300";
        return Ok(keys);
    }

    /// <summary>Rotate the token signing key (admin)</summary>
    /// <remarks>With RS256/ES256 and generated keys: a new key signs from now on; the previous one stays in the JWKS and keeps verifying until the tokens it signed have expired. 409 when the key comes from configuration (HS256, or Jwt:SigningKeyPem).</remarks>
    [HttpPost("api/v1/admin/signing-keys/rotate")]
    [Sends<RotateSigningKey.Command>]
    [Authorize]
    [Problem(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<SigningKeyDto>> Rotate(CancellationToken ct) =>
        Ok(await mediator.Send(new RotateSigningKey.Command(), ct));
}
