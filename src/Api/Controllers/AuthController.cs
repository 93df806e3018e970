using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/auth")]
[Tags("Auth")]
// Tokens and account data must never be kept by a browser or proxy cache.
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[Problem(StatusCodes.Status400BadRequest), Problem(StatusCodes.Status413PayloadTooLarge)]
public sealed class AuthController(IMediator mediator) : ControllerBase
{
    /// <summary>Register an account</summary>
    /// <remarks>Username 3..50 of ASCII letters, digits, '.', '_', '-'; password 8..128 with a letter and a digit. Rate limited per client address.</remarks>
    [HttpPost("register")]
    [Sends<Register.Command>]
    [EnableRateLimiting(AuthRateLimiting.Policy)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status429TooManyRequests), Problem(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<UserDto>> Register(Register.Command body, CancellationToken ct)
    {
        var user = await mediator.Send(body, ct);
        return CreatedAtAction(nameof(UsersController.Get), "Users", new { id = user.Id }, user);
    }

    /// <summary>Log in</summary>
    /// <remarks>
    /// Wrong email, wrong password and a locked account give the same 401. Five wrong passwords in a row lock the
    /// account for 1 minute, further lockouts in a row for 5, 15, then 60 minutes. Rate limited per client address
    /// (IPv6: per /64) and per account.
    /// </remarks>
    [HttpPost("login")]
    [Sends<Login.Command>]
    [EnableRateLimiting(AuthRateLimiting.Policy)]
    [LimitPerAccount]
    [Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status429TooManyRequests), Problem(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<TokenResponse>> Login(Login.Command body, CancellationToken ct) =>
        Ok(await mediator.Send(body, ct));

    /// <summary>Trade a refresh token for a new token pair</summary>
    /// <remarks>Refresh tokens rotate; presenting a used one revokes every token of that login. Rate limited per client address.</remarks>
    [HttpPost("refresh")]
    [Sends<Refresh.Command>]
    [EnableRateLimiting(AuthRateLimiting.Policy)]
    [Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<TokenResponse>> Refresh(Refresh.Command body, CancellationToken ct) =>
        Ok(await mediator.Send(body, ct));

    /// <summary>Log out: revoke a refresh token</summary>
    [HttpPost("logout")]
    [Sends<Logout.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status403Forbidden)] // the refresh token belongs to another user: the handler's rule, not the request's
    public async Task<IActionResult> Logout(Logout.Command body, CancellationToken ct)
    {
        await mediator.Send(body, ct);
        return NoContent();
    }
}
