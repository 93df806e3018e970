using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Covers;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/albums")]
[Tags("Albums")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class AlbumsController(IMediator mediator) : ControllerBase
{
    /// <summary>List albums</summary>
    /// <remarks>Paged; filter by genre or artist (exact, case-insensitive) and search title or artist with q. Responses carry an ETag: send it back in If-None-Match to get 304 while nothing changed; any write changes it.</remarks>
    [HttpGet]
    [Sends<ListAlbums.Query>]
    [CachedCatalogList]
    [BoundedSearch]
    [EnableRateLimiting(ListRateLimiting.Policy)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<ActionResult<PagedResult<AlbumDto>>> List([FromQuery] ListAlbums.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get an album</summary>
    [HttpGet("{id:int}")]
    [Sends<GetAlbum.Query>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AlbumDetailDto>> Get(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new GetAlbum.Query(id), ct));

    /// <summary>List an album's songs in track order</summary>
    /// <remarks>Numbered tracks by number, then unnumbered ones by title. Not paged. The same for every signed-in caller: every change (an edit of the album, its links or its songs, a like or a play) shows on the next read. Responses carry an ETag: send it back in If-None-Match to get 304 while nothing changed.</remarks>
    [HttpGet("{id:int}/songs")]
    [Sends<ListAlbumSongs.Query>]
    [CachedCatalogList(ExactCounts = true)]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<AlbumTrackDto>>> ListSongs(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new ListAlbumSongs.Query(id), ct));

    /// <summary>Create an album (admin)</summary>
    [HttpPost]
    [Sends<CreateAlbum.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<AlbumDetailDto>> Create(AlbumInput body, CancellationToken ct)
    {
        var album = await mediator.Send(new CreateAlbum.Command(body), ct);
        return CreatedAtAction(nameof(Get), new { id = album.Id }, album);
    }

    /// <summary>Update an album (admin)</summary>
    [HttpPut("{id:int}")]
    [Sends<UpdateAlbum.Command>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<AlbumDetailDto>> Update(int id, AlbumInput body, CancellationToken ct) =>
        Ok(await mediator.Send(new UpdateAlbum.Command(id, body), ct));

    /// <summary>Get an album's cover</summary>
    /// <remarks>The image bytes with their content type, ETag (the SHA-256) and Cache-Control: public, max-age=86400; 304 on If-None-Match; 404 when the album has no stored cover.</remarks>
    [HttpGet("{id:int}/cover")]
    [Sends<GetAlbumCover.Query>]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetCover(int id, CancellationToken ct) =>
        this.Cover(await mediator.Send(new GetAlbumCover.Query(id), ct));

    /// <summary>Set an album's cover (admin)</summary>
    /// <remarks>The raw image as the body: JPEG, PNG or WebP, recognised from the bytes (not the Content-Type), at most 5 MiB.</remarks>
    [HttpPut("{id:int}/cover")]
    [Sends<PutAlbumCover.Command>]
    [StreamedBody("image/jpeg", "image/png", "image/webp")]
    [Authorize]
    [RequestSizeLimit(CoverImage.MaxBytes + RequestBodyLimit.UploadSlackBytes)]
    [DisableFormValueModelBinding]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status413PayloadTooLarge), Problem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> PutCover(int id, CancellationToken ct)
    {
        await mediator.Send(new PutAlbumCover.Command(id, Request.Body), ct);
        return NoContent();
    }

    /// <summary>Delete an album (admin)</summary>
    /// <remarks>Its song links go; the songs stay.</remarks>
    [HttpDelete("{id:int}")]
    [Sends<DeleteAlbum.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteAlbum.Command(id), ct);
        return NoContent();
    }

    /// <summary>Put a song on an album (admin)</summary>
    /// <remarks>Adding a song that is already on the album updates its track number. The body is optional.</remarks>
    [HttpPut("{id:int}/songs/{songId:int}")]
    [Sends<SetAlbumSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<IActionResult> SetSong(int id, int songId,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] TrackInput? body,
        CancellationToken ct)
    {
        await mediator.Send(new SetAlbumSong.Command(id, songId, body?.TrackNumber), ct);
        return NoContent();
    }

    /// <summary>Take a song off an album (admin)</summary>
    [HttpDelete("{id:int}/songs/{songId:int}")]
    [Sends<RemoveAlbumSong.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RemoveSong(int id, int songId, CancellationToken ct)
    {
        await mediator.Send(new RemoveAlbumSong.Command(id, songId), ct);
        return NoContent();
    }

    /// <summary>The optional body of putting a song on an album.</summary>
    public sealed record TrackInput(int? TrackNumber = null);
}
