using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/songs")]
[Tags("Songs")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class SongsController(IMediator mediator) : ControllerBase
{
    /// <summary>List songs</summary>
    /// <remarks>Paged; filter by genre, artist (exact, case-insensitive) or albumId, search title or artist with q. Responses carry an ETag: send it back in If-None-Match to get 304 while nothing changed; any write changes it.</remarks>
    [HttpGet]
    [Sends<ListSongs.Query>]
    [CachedCatalogList]
    [EnableRateLimiting(ListRateLimiting.Policy)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<ActionResult<PagedResult<SongDto>>> List([FromQuery] ListSongs.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get a song</summary>
    [HttpGet("{id:int}")]
    [Sends<GetSong.Query>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SongDetailDto>> Get(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new GetSong.Query(id), ct));

    /// <summary>Create a song (admin)</summary>
    [HttpPost]
    [Sends<CreateSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<SongDetailDto>> Create(SongInput body, CancellationToken ct)
    {
        var song = await mediator.Send(new CreateSong.Command(body), ct);
        return CreatedAtAction(nameof(Get), new { id = song.Id }, song);
    }

    /// <summary>Update a song (admin)</summary>
    [HttpPut("{id:int}")]
    [Sends<UpdateSong.Command>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<SongDetailDto>> Update(int id, SongInput body, CancellationToken ct) =>
        Ok(await mediator.Send(new UpdateSong.Command(id, body), ct));

    /// <summary>Like a song</summary>
    /// <remarks>Idempotent: liking twice keeps one like.</remarks>
    [HttpPut("{id:int}/like")]
    [Sends<LikeSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Like(int id, CancellationToken ct)
    {
        await mediator.Send(new LikeSong.Command(id), ct);
        return NoContent();
    }

    /// <summary>Unlike a song</summary>
    /// <remarks>Idempotent: unliking a song you do not like is fine.</remarks>
    [HttpDelete("{id:int}/like")]
    [Sends<UnlikeSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Unlike(int id, CancellationToken ct)
    {
        await mediator.Send(new UnlikeSong.Command(id), ct);
        return NoContent();
    }

    /// <summary>Delete a song (admin)</summary>
    /// <remarks>Its album links and likes go with it.</remarks>
    [HttpDelete("{id:int}")]
    [Sends<DeleteSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteSong.Command(id), ct);
        return NoContent();
    }
}
