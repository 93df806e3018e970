using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Caps request bodies at 1 MiB, or at what the endpoint declares: <see cref="IRequestSizeLimitMetadata"/>
/// (<c>[RequestSizeLimit]</c>, for covers) or <see cref="UploadBodyLimitAttribute"/> (uploads:
/// <c>Uploads:MaxBytes</c> plus room for the multipart framing). A declared length over the cap is
/// refused before anything is read; otherwise the server's own limit stops a body that grows past it
/// while being read.
/// </summary>
internal static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>What a multipart upload may carry beyond the file itself (part headers, boundaries, small fields).</summary>
    public const long UploadSlackBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var limit = LimitOf(context);
            if (context.Request.ContentLength > limit)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
            return next(context);
        });

    /// <summary>The body limit of the request's endpoint.</summary>
    public static long LimitOf(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<UploadBodyLimitAttribute>() is not null)
            return context.RequestServices.GetRequiredService<UploadLimits>().MaxBytes + UploadSlackBytes;
        return metadata?.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBytes;
    }
}

/// <summary>The endpoint takes an uploaded audio file: its body may be <c>Uploads:MaxBytes</c> plus the multipart framing.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class UploadBodyLimitAttribute : Attribute;
