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
}
