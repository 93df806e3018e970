using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using MusicPlayer.Application.Features.Covers;

namespace MusicPlayer.Api.Http;

internal static class CoverResults
{
    /// <summary>
    /// The cover's bytes with their type, the SHA-256 as a strong ETag (the file result answers
    /// If-None-Match with 304 itself) and a day of public caching: a changed cover has another ETag.
    /// </summary>
    public static IActionResult Cover(this ControllerBase controller, CoverContent cover)
    {
        controller.Response.Headers.CacheControl = "public, max-age=86400";
        return controller.File(cover.Content, cover.MimeType, lastModified: null,
            entityTag: new EntityTagHeaderValue($"\"{cover.Sha256}\""), enableRangeProcessing: false);
    }
}
