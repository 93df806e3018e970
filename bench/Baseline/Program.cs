using System.Globalization;
using System.Text.Json;

// The practical ceiling of the machine: bare Kestrel answering GET on one path with bytes
// prepared once, the same size and shape as the API's first page of songs. No MVC, no routing,
// no authentication, no database: whatever the API does beyond this is what it costs.
//
// usage: MusicPlayer.Bench.Baseline [--urls http://127.0.0.1:5091] [--path /api/v1/songs] [--body FILE]
//        MusicPlayer.Bench.Baseline [--urls ...] --static DIR
// Without --body it serves a synthetic page of 20 songs with the API's field names. With --static it is
// Kestrel's own static-file middleware over DIR (ranges, ETag, Last-Modified; any file type): the ceiling
// for streaming a stored file.

string urls = "http://127.0.0.1:5091", path = "/api/v1/songs";
string? bodyFile = null, staticRoot = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--urls": urls = args[i + 1]; break;
        case "--path": path = args[i + 1]; break;
        case "--body": bodyFile = args[i + 1]; break;
        case "--static": staticRoot = Path.GetFullPath(args[i + 1]); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

if (staticRoot is not null)
{
    var files = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
    files.WebHost.UseKestrelCore();
    files.Services.AddLogging();
    var server = files.Build();
    server.Urls.Add(urls);
    server.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(staticRoot),
        ServeUnknownFileTypes = true,
    });
    Console.WriteLine($"baseline: static files of {staticRoot} on {urls}");
    await server.RunAsync();
    return 0;
}

var body = bodyFile is null ? SyntheticPage.Create(20) : File.ReadAllBytes(bodyFile);
var contentLength = body.Length;

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.WebHost.UseKestrelCore();
var app = builder.Build();
app.Urls.Add(urls);
app.Run(context =>
{
    var request = context.Request;
    var response = context.Response;
    if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals(path, StringComparison.Ordinal))
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // The headers the API sends with every response, so the bytes on the wire match too.
    var headers = response.Headers;
    headers.ContentType = "application/json; charset=utf-8";
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "no-referrer";
    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
    response.ContentLength = contentLength;
    return response.Body.WriteAsync(body).AsTask();
});

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: GET {path} -> {contentLength} bytes on {urls}"));
await app.RunAsync();
return 0;

/// <summary>A page of songs shaped like the API's <c>GET /api/v1/songs</c> response, for when no captured body is given.</summary>
internal static class SyntheticPage
{
    public static byte[] Create(int items)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            var created = new DateTime(2023, 6, 1, 2, 51, 55, DateTimeKind.Utc).AddTicks(4_385_266);
            for (var i = 1; i <= items; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", 40_000 + i);
                json.WriteString("title", $"A Song Title Number {i}");
                json.WriteString("artist", "The Dark Carnivals");
                json.WriteString("genre", "Rock");
                json.WriteString("fileUrl", $"https://media.example.com/audio/thedarkcarnivals/{40_000 + i:D7}.mp3");
                json.WriteNumber("duration", 180 + i);
                if (i % 4 == 0) json.WriteString("description", "Recorded live in one take that became an unlikely hit.");
                else json.WriteNull("description");
                json.WriteString("coverImageUrl", $"https://img.example.com/covers/a{i:D6}.jpg");
                json.WriteString("releaseDate", "2025-09-28");
                json.WriteNumber("likeCount", 10 + i);
                json.WriteString("createdAt", created.AddHours(i));
                json.WriteString("updatedAt", created.AddHours(i));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("page", 1);
            json.WriteNumber("pageSize", items);
            json.WriteNumber("totalCount", 100_000);
            json.WriteNumber("totalPages", 100_000 / items);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
