using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Covers;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
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
    [BoundedSearch]
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

    /// <summary>Replace a song's audio (admin)</summary>
    /// <remarks>multipart/form-data with one part named file, processed like an upload. The song's fields stay (its duration follows the new file); the old bytes are deleted unless another song or cover has them.</remarks>
    [HttpPut("{id:int}/audio")]
    [Sends<ReplaceSongAudio.Command>]
    [StreamedBody(StreamedBodyAttribute.MultipartFile)]
    [Authorize]
    [UploadBodyLimit]
    [DisableFormValueModelBinding]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge),
     Problem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<ActionResult<SongDetailDto>> ReplaceAudio(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new ReplaceSongAudio.Command(id, new MultipartUpload(Request)), ct));

    /// <summary>Delete a song's audio (admin)</summary>
    /// <remarks>The song stays, without audio. 404 when it has none.</remarks>
    [HttpDelete("{id:int}/audio")]
    [Sends<DeleteSongAudio.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> DeleteAudio(int id, CancellationToken ct)
    {
        await mediator.Send(new DeleteSongAudio.Command(id), ct);
        return NoContent();
    }

    /// <summary>Get a song's cover</summary>
    /// <remarks>The image bytes with their content type, ETag (the SHA-256) and Cache-Control: public, max-age=86400; 304 on If-None-Match; 404 when the song has no stored cover.</remarks>
    [HttpGet("{id:int}/cover")]
    [Sends<GetSongCover.Query>]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp")]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetCover(int id, CancellationToken ct) =>
        this.Cover(await mediator.Send(new GetSongCover.Query(id), ct));

    /// <summary>Set a song's cover (admin)</summary>
    /// <remarks>The raw image as the body: JPEG, PNG or WebP, recognised from the bytes (not the Content-Type), at most 5 MiB.</remarks>
    [HttpPut("{id:int}/cover")]
    [Sends<PutSongCover.Command>]
    [StreamedBody("image/jpeg", "image/png", "image/webp")]
    [Authorize]
    [RequestSizeLimit(CoverImage.MaxBytes + RequestBodyLimit.UploadSlackBytes)]
    [DisableFormValueModelBinding]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status413PayloadTooLarge), Problem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> PutCover(int id, CancellationToken ct)
    {
        await mediator.Send(new PutSongCover.Command(id, Request.Body), ct);
        return NoContent();
    }

    /// <summary>Delete a song (admin)</summary>
    /// <remarks>Its album links, likes and plays go with it, and its stored audio and cover unless another song or album has the same bytes.</remarks>
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
