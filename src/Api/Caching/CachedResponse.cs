using System.Security.Cryptography;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// The bytes of a <c>200</c> response kept in memory with their validator (a hash of the bytes), as the response
/// caches send them again: <c>ETag</c>, <c>Cache-Control</c>, and <c>304</c> for a matching <c>If-None-Match</c>.
/// </summary>
internal sealed record CachedResponse(byte[] Body, string ContentType, string ETag)
{
    /// <summary>
    /// Runs the rest of the pipeline into a buffer. A <c>200</c> comes back unsent, for the caller to keep and send
    /// (<see cref="WriteAsync"/>); any other answer is sent as it is (or its failure travels on to the exception
    /// handler, which answers on the real body), and null comes back.
    /// </summary>
    public static async Task<CachedResponse?> CaptureAsync(HttpContext http, RequestDelegate next)
    {
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
        }

        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, http.RequestAborted);
            return null;
        }

        var bytes = buffer.ToArray();
        return new CachedResponse(bytes, http.Response.ContentType ?? "application/json",
            $"\"{Convert.ToHexString(SHA256.HashData(bytes), 0, 12)}\"");
    }

    /// <summary>
    /// Sends the response (or a <c>304</c> when the request already has it). With <c>no-cache</c>, clients and proxies
    /// may keep it but must ask again each time; the ETag makes that cheap.
    /// </summary>
    public Task WriteAsync(HttpContext http, string cacheControl = "no-cache")
    {
        var response = http.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = cacheControl;
        if (Matches(http.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, http.RequestAborted).AsTask();
    }

    /// <summary>Whether an <c>If-None-Match</c> lists this response's ETag or <c>*</c> (read in place: no allocation per request).</summary>
    private bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        foreach (var value in ifNoneMatch)
        {
            var header = value.AsSpan();
            foreach (var range in header.Split(','))
            {
                var tag = header[range].Trim();
                if (tag.SequenceEqual(ETag) || tag.SequenceEqual("*")) return true;
            }
        }
        return false;
    }
}
