using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Absolute URLs of a song's endpoints: under <c>PublicUrl</c> when it is set (what clients reach the
/// service as, behind a proxy), else under the request's own scheme and host (which the public list
/// cache then keys its entries by, so one host's answer is never served to another).
/// </summary>
internal sealed class HttpSongUrls(IHttpContextAccessor accessor, IConfiguration configuration) : ISongUrls
{
    public const string PublicUrlSetting = "PublicUrl";

    public string Stream(int songId) => $"{Origin(accessor.HttpContext, configuration)}/api/v1/songs/{songId}/stream";

    public string SignedStream(int songId, long expires, string signature) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Stream(songId)}?expires={expires}&sig={Uri.EscapeDataString(signature)}");

    /// <summary>The scheme, host and path base that URLs start with.</summary>
    public static string Origin(HttpContext? context, IConfiguration configuration)
    {
        if (configuration[PublicUrlSetting] is { Length: > 0 } configured) return configured.TrimEnd('/');
        if (context is null) return "http://localhost";
        var request = context.Request;
        return $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";
    }
}

/// <summary>The absolute URL an upload session's bytes are PUT to, under the same origin as the song URLs.</summary>
internal sealed class HttpUploadSessionUrls(IHttpContextAccessor accessor, IConfiguration configuration)
    : Application.Features.Uploads.IUploadSessionUrls
{
    public string Content(int sessionId, long expires, string signature) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{HttpSongUrls.Origin(accessor.HttpContext, configuration)}/api/v1/uploads/sessions/{sessionId}/content?expires={expires}&sig={Uri.EscapeDataString(signature)}");
}
