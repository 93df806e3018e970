using Microsoft.AspNetCore.Http.Features;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Caps request bodies at 1 MiB. A declared length over the cap is refused before anything is
/// read; otherwise the server's own limit stops a body that grows past it while being read.
/// </summary>
internal static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > MaxBytes)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = MaxBytes;
            return next(context);
        });
}
