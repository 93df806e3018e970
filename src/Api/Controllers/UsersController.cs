using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/users")]
[Tags("Users")]
[Authorize]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class UsersController(IMediator mediator) : ControllerBase
{
    /// <summary>Get my profile</summary>
    [HttpGet("me")]
    [Sends<GetMe.Query>]
    public async Task<ActionResult<UserDto>> GetMe(CancellationToken ct) => Ok(await mediator.Send(new GetMe.Query(), ct));

    /// <summary>Update my profile</summary>
    [HttpPut("me")]
    [Sends<UpdateMe.Command>]
    [Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<UserDto>> UpdateMe(UpdateMe.Command body, CancellationToken ct) =>
        Ok(await mediator.Send(body, ct));

    /// <summary>Change my password</summary>
    /// <remarks>
    /// Ends every session: refresh tokens are revoked and earlier access tokens stop working. A wrong current password
    /// counts towards the login lockout, and a locked account gets the same 400 as a wrong password. Rate limited per user.
    /// </remarks>
    [HttpPost("me/password")]
    [Sends<ChangePassword.Command>]
    [EnableRateLimiting(AuthRateLimiting.PasswordChangePolicy)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status413PayloadTooLarge), Problem(StatusCodes.Status429TooManyRequests), Problem(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> ChangePassword(ChangePassword.Command body, CancellationToken ct)
    {
        await mediator.Send(body, ct);
        return NoContent();
    }

    /// <summary>List the songs I like</summary>
    /// <remarks>Newest like first; each song carries likedAt.</remarks>
    [HttpGet("me/likes")]
    [Sends<ListMyLikes.Query>]
    public async Task<ActionResult<PagedResult<LikedSongDto>>> MyLikes([FromQuery] ListMyLikes.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>List users (admin)</summary>
    [HttpGet]
    [Sends<ListUsers.Query>]
    public async Task<ActionResult<PagedResult<UserDto>>> List([FromQuery] ListUsers.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get a user's profile</summary>
    /// <remarks>Others see the public profile; the user themself and admins also see email, role and updatedAt.</remarks>
    [HttpGet("{id:int}")]
    [Sends<GetUser.Query>]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<UserProfileDto>> Get(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new GetUser.Query(id), ct));

    /// <summary>Update a user (admin)</summary>
    [HttpPut("{id:int}")]
    [Sends<UpdateUser.Command>]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<UserDto>> Update(int id, UpdateUser.UserInput body, CancellationToken ct) =>
        Ok(await mediator.Send(new UpdateUser.Command(id, body), ct));

    /// <summary>Change a user's role (admin)</summary>
    /// <remarks>Demoting the last admin is a 409.</remarks>
    [HttpPut("{id:int}/role")]
    [Sends<ChangeRole.Command>]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<UserDto>> ChangeRole(int id, RoleInput body, CancellationToken ct) =>
        Ok(await mediator.Send(new ChangeRole.Command(id, body.Role), ct));

    /// <summary>Delete a user (admin)</summary>
    /// <remarks>Their likes, plays and tokens go with them. Deleting the last admin is a 409.</remarks>
    [HttpDelete("{id:int}")]
    [Sends<DeleteUser.Command>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteUser.Command(id), ct);
        return NoContent();
    }

    /// <summary>The body of a role change: "user" or "admin".</summary>
    public sealed record RoleInput(string? Role);
}
