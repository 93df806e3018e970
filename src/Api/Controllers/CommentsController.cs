using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Comments;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1")]
[Tags("Comments")]
[Problem(StatusCodes.Status400BadRequest), Problem(StatusCodes.Status404NotFound)]
public sealed class CommentsController(IMediator mediator) : ControllerBase
{
    /// <summary>List a song's comments</summary>
    /// <remarks>Paged, newest first. Bodies are plain text exactly as posted: escape them when you display them. Anonymous callers share the list limit per address (429 with Retry-After).</remarks>
    [HttpGet("songs/{id:int}/comments")]
    [Sends<ListSongComments.Query>]
    [EnableRateLimiting(ListRateLimiting.Policy)]
    [Problem(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<PagedResult<CommentDto>>> List(int id, CancellationToken ct,
        int page = PagingLimits.DefaultPage, int pageSize = PagingLimits.DefaultPageSize) =>
        Ok(await mediator.Send(new ListSongComments.Query(id) { Page = page, PageSize = pageSize }, ct));

    /// <summary>Comment on a song</summary>
    /// <remarks>Body 1..2000 characters after trimming; line breaks and tabs allowed, other control characters not. At most 10 comments per user per minute (429 with Retry-After).</remarks>
    [HttpPost("songs/{id:int}/comments")]
    [Sends<PostComment.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status413PayloadTooLarge), Problem(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<CommentDto>> Post(int id, CommentInput body, CancellationToken ct)
    {
        var comment = await mediator.Send(new PostComment.Command(id, body), ct);
        return CreatedAtAction(nameof(Get), new { id = comment.Id }, comment);
    }

    /// <summary>Get a comment</summary>
    [HttpGet("comments/{id:int}")]
    [Sends<GetComment.Query>]
    public async Task<ActionResult<CommentDto>> Get(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new GetComment.Query(id), ct));

    /// <summary>Edit your comment</summary>
    /// <remarks>Its author only; anyone else gets 403.</remarks>
    [HttpPut("comments/{id:int}")]
    [Sends<UpdateComment.Command>]
    [Authorize]
    [Problem(StatusCodes.Status403Forbidden), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<CommentDto>> Update(int id, CommentInput body, CancellationToken ct) =>
        Ok(await mediator.Send(new UpdateComment.Command(id, body), ct));

    /// <summary>Delete a comment</summary>
    /// <remarks>Its author or an admin; anyone else gets 403.</remarks>
    [HttpDelete("comments/{id:int}")]
    [Sends<DeleteComment.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteComment.Command(id), ct);
        return NoContent();
    }
}
