using Microsoft.OpenApi;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Marks an action that answers with a file through ASP.NET Core's range processing, so that its operation
/// documents what that processing reads and writes: the Range, If-Range and If-None-Match request headers;
/// Accept-Ranges, ETag, Last-Modified and Content-Range on the bytes; Location on a redirect; and no body on
/// 302, 304 and 416 (RFC 9110), whatever the controller's default content type.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ByteRangesAttribute : Attribute
{
    public static void Describe(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(Header("Range",
            "One range of bytes: bytes=a-b, bytes=a- or bytes=-n (the last n). Several ranges get the whole file; a range in another unit is ignored."));
        operation.Parameters.Add(Header("If-Range", "An ETag or a date: the range is served only while it still matches, else the whole file."));
        operation.Parameters.Add(Header("If-None-Match", "The ETag a client holds: 304 while it is current."));

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described) continue;
            described.Headers ??= new Dictionary<string, IOpenApiHeader>();
            switch (status)
            {
                case "200" or "206":
                    described.Headers["Accept-Ranges"] = ResponseHeader("bytes");
                    described.Headers["ETag"] = ResponseHeader("The SHA-256 of the bytes, quoted (a strong validator).");
                    described.Headers["Last-Modified"] = ResponseHeader("When the song last changed.");
                    if (status == "206") described.Headers["Content-Range"] = ResponseHeader("bytes first-last/size");
                    break;
                case "302":
                    described.Content = null;
                    described.Headers["Location"] = ResponseHeader("A presigned URL of the store, valid at most 5 minutes.");
                    break;
                case "304":
                    described.Content = null;
                    described.Headers["ETag"] = ResponseHeader("The current ETag.");
                    break;
                case "416":
                    described.Content = null;
                    described.Headers["Content-Range"] = ResponseHeader("bytes */size");
                    break;
            }
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description) => new()
    {
        Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
