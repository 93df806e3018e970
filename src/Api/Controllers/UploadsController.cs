using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Uploads;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/uploads")]
[Tags("Uploads")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class UploadsController(IMediator mediator) : ControllerBase
{
    /// <summary>Upload an audio file (admin)</summary>
    /// <remarks>
    /// multipart/form-data with one part named file (form fields, such as albumId, before it). The format is
    /// recognised from the bytes (MP3, FLAC, Ogg Vorbis, Ogg Opus, MP4/M4A, WAV; anything else is 415), the
    /// song is created from the tags and put on the album they name (found or created) or on albumId. 201
    /// with the song; 200 with the existing song when the same bytes are already stored. Larger than
    /// Uploads:MaxBytes is 413. A failed upload leaves nothing behind.
    /// </remarks>
    [HttpPost]
    [Sends<UploadSong.Command>]
    [StreamedBody(StreamedBodyAttribute.MultipartFile, IntegerFields = [MultipartUpload.AlbumIdField])]
    [Authorize]
    [UploadBodyLimit]
    [DisableFormValueModelBinding]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge),
     Problem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<ActionResult<SongDetailDto>> Upload(CancellationToken ct)
    {
        var result = await mediator.Send(new UploadSong.Command(new MultipartUpload(Request)), ct);
        return result.Created
            ? CreatedAtAction(nameof(SongsController.Get), "Songs", new { id = result.Song.Id }, result.Song)
            : Ok(result.Song);
    }

    /// <summary>Start an upload session (admin)</summary>
    /// <remarks>
    /// The first of three steps, for large files: declares the file (fileName, size in bytes, optionally its
    /// SHA-256 in hex) and answers the URL to PUT exactly size raw bytes to, signed and valid for
    /// Uploads:SessionMinutes. A size over Uploads:MaxBytes is 413.
    /// </remarks>
    [HttpPost("sessions")]
    [Sends<CreateUploadSession.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<UploadSessionDto>> CreateSession(CreateUploadSession.Command body, CancellationToken ct)
    {
        var session = await mediator.Send(body, ct);
        return Created(session.UploadUrl, session);
    }

    /// <summary>Send an upload session's bytes (signed URL)</summary>
    /// <remarks>
    /// The uploadUrl of a session, as it was answered: its expires and sig parameters are the credential (no
    /// bearer token). The body is the raw file (application/octet-stream), exactly the declared size of it:
    /// more is 413, fewer or a SHA-256 other than the declared one is 409, and nothing refused is kept. A wrong
    /// or expired signature is 403. Sending again replaces the bytes.
    /// </remarks>
    [HttpPut("sessions/{id:int}/content")]
    [Sends<PutUploadSessionContent.Command>]
    [StreamedBody("application/octet-stream")]
    [UploadBodyLimit]
    [DisableFormValueModelBinding]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [Problem(StatusCodes.Status403Forbidden), Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict),
     Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<UploadSessionContentDto>> PutSessionContent(
        int id, [FromQuery] string? expires, [FromQuery] string? sig, CancellationToken ct) =>
        Ok(await mediator.Send(new PutUploadSessionContent.Command(id, expires, sig, Request.Body), ct));

    /// <summary>Complete an upload session (admin)</summary>
    /// <remarks>
    /// Makes the session's bytes a song exactly like a direct upload: 201 with the song, or 200 with the song
    /// that already holds the same bytes; completing again answers the same song. No bytes yet is 409; an
    /// expired or unknown session is 404. A file that is not audio is 415, and ends the session.
    /// </remarks>
    [HttpPost("sessions/{id:int}/complete")]
    [Sends<CompleteUploadSession.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<ActionResult<SongDetailDto>> CompleteSession(int id, CancellationToken ct)
    {
        var result = await mediator.Send(new CompleteUploadSession.Command(id), ct);
        return result.Created
            ? CreatedAtAction(nameof(SongsController.Get), "Songs", new { id = result.Song.Id }, result.Song)
            : Ok(result.Song);
    }
}
