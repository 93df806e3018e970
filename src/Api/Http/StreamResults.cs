using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Api.Http;

internal static class StreamResults
{
    /// <summary>
    /// A song's stream: a 302 to the store's presigned URL (never cached: it expires within minutes), or the
    /// bytes through ASP.NET Core's own file result, which does the HTTP: Accept-Ranges, single ranges (206 with
    /// Content-Range), 416 with <c>bytes */size</c>, the whole file for several ranges or a stale If-Range,
    /// If-None-Match and If-Modified-Since (304), If-Match and If-Unmodified-Since (412), HEAD without a body.
    /// The SHA-256 is the strong ETag. The result disposes the stream when the response ends or is aborted.
    /// </summary>
    public static IActionResult SongStream(this ControllerBase controller, SongStream song)
    {
        var response = controller.Response;
        if (song.Redirect is { } url)
        {
            song.Dispose();
            response.Headers.CacheControl = "no-store";
            return controller.Redirect(url.AbsoluteUri);
        }

        // RFC 9110 14.2: a range in a unit other than bytes is ignored; ASP.NET Core's range processing reads the
        // ranges whatever their unit, so such a header is dropped before it runs.
        var request = controller.Request;
        if (request.GetTypedHeaders().Range is { } range && !range.Unit.Equals("bytes", StringComparison.OrdinalIgnoreCase))
            request.Headers.Range = default;

        // A browser may keep the bytes but asks again (a 304 is cheap): the audio behind a song id can be replaced.
        response.Headers.CacheControl = "private, no-cache";
        var content = new StoredRangeStream(song, () => response.ContentLength);
        // Also given back when the result never runs (a failure before it): disposing twice is harmless.
        response.RegisterForDisposeAsync(content);
        return controller.File(content, song.MimeType, new DateTimeOffset(song.LastModified, TimeSpan.Zero),
            new EntityTagHeaderValue($"\"{song.Sha256}\""), enableRangeProcessing: true);
    }
}
