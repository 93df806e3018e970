using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/songs")]
[Tags("Songs")]
public sealed class StreamingController(IMediator mediator) : ControllerBase
{
    /// <summary>Stream a song's audio</summary>
    /// <remarks>
    /// The stored audio with its real Content-Type, Accept-Ranges: bytes, a strong ETag (the SHA-256) and
    /// Last-Modified (the song's last change). Access: a bearer token, or the expires and sig of a URL from
    /// GET /api/v1/songs/{id}/stream-url (for an audio element or a casting device). A signature that is given
    /// but wrong, expired or another song's is 403; neither token nor signature is 401. A single Range
    /// (bytes=a-b, a-, -n) is 206 with Content-Range; an unsatisfiable one 416 with Content-Range: bytes */size;
    /// several ranges, or an If-Range that no longer matches, get the whole file (200). If-None-Match with the
    /// current ETag is 304. With S3 storage (Storage:S3:RedirectStreams, the default) the answer is a 302 to a
    /// presigned URL of the store valid at most 5 minutes. 404 when the song has no stored audio; 503 with
    /// Retry-After when too many streams are open. HEAD answers the same headers without the bytes.
    /// </remarks>
    [HttpGet("{id:int}/stream")]
    [HttpHead("{id:int}/stream")]
    [Sends<OpenSongStream.Query>]
    [ByteRanges]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "audio/mpeg", "audio/flac", "audio/ogg", "audio/mp4", "audio/wav")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status206PartialContent, "audio/mpeg", "audio/flac", "audio/ogg", "audio/mp4",
        "audio/wav")]
    [ProducesResponseType(StatusCodes.Status302Found)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status416RangeNotSatisfiable)]
    // The 416 has no body (its Content-Range says it all); the other errors name ProblemDetails themselves.
    [ProducesErrorResponseType(typeof(void))]
    [Problem(StatusCodes.Status401Unauthorized), Problem(StatusCodes.Status403Forbidden), Problem(StatusCodes.Status404NotFound),
     Problem(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Stream(int id, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken ct) =>
        this.SongStream(await mediator.Send(new OpenSongStream.Query(id, expires, sig), ct));

    /// <summary>Get a signed stream URL</summary>
    /// <remarks>
    /// An absolute URL of the song's stream that needs no token, bound to this song and valid
    /// Streaming:SignedUrlMinutes (60 by default): url and expiresAt. 404 when the song has no stored audio.
    /// </remarks>
    [HttpGet("{id:int}/stream-url")]
    [Sends<GetStreamUrl.Query>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<StreamUrlDto>> GetStreamUrl(int id, CancellationToken ct) =>
        Ok(await mediator.Send(new GetStreamUrl.Query(id), ct));
}
