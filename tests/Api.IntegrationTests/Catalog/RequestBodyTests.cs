using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>Bodies that are not what the endpoint expects: broken JSON, wrong shapes and types, empty, too large, extra fields.</summary>
public sealed class RequestBodyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int OneMiB = 1024 * 1024;
    private readonly HttpClient _admin = factory.AsAdmin();

    /// <summary>Every catalog endpoint that reads a JSON body; {album} and {song} are replaced by existing ids.</summary>
    public static TheoryData<string, string> BodyEndpoints => new()
    {
        { "POST", "/api/v1/albums" },
        { "PUT", "/api/v1/albums/{album}" },
        { "POST", "/api/v1/songs" },
        { "PUT", "/api/v1/songs/{song}" },
    };

    private async Task<HttpResponseMessage> SendAsync(string method, string path, HttpContent? content)
    {
        if (path.Contains("{album}")) path = path.Replace("{album}", (await _admin.CreateAlbumAsync()).Id().ToString());
        if (path.Contains("{song}")) path = path.Replace("{song}", (await _admin.CreateSongAsync()).Id().ToString());
        return await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A valid body for the endpoint as a JSON object, with <paramref name="change"/> applied.</summary>
    private static Dictionary<string, object?> ValidBody(string path, Action<Dictionary<string, object?>>? change = null) =>
        path.Contains("/albums") ? CatalogApi.AlbumBody(change) : CatalogApi.SongBody(change);

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_MalformedJson_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, Json("""{,"title": "Broken"}"""));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_JsonCutOffInAValue_Returns400NamingThatField(string method, string path)
    {
        var response = await SendAsync(method, path, Json("""{"title": "Broken", "artist": """));

        await response.ShouldBeValidationProblemAsync("artist");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_TrailingGarbageAfterObject_Returns400(string method, string path)
    {
        var json = JsonSerializer.Serialize(ValidBody(path)) + " trailing";

        var response = await SendAsync(method, path, Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_NotJsonAtAll_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, Json("title=Broken&artist=Nobody"));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_JsonArrayInsteadOfObject_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, JsonContent.Create(new[] { ValidBody(path) }));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_JsonStringInsteadOfObject_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, Json("\"an album\""));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_JsonNull_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, Json("null"));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_EmptyBody_Returns400(string method, string path)
    {
        var response = await SendAsync(method, path, Json(""));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_NoBodyAndNoContentType_Returns415(string method, string path)
    {
        var response = await SendAsync(method, path, null);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_NumberWhereStringExpected_Returns400NamingField(string method, string path)
    {
        var response = await SendAsync(method, path, JsonContent.Create(ValidBody(path, b => b["title"] = 42)));

        await response.ShouldBeValidationProblemAsync("title");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_ObjectWhereStringExpected_Returns400NamingField(string method, string path)
    {
        var response = await SendAsync(method, path, JsonContent.Create(ValidBody(path, b => b["artist"] = new { name = "x" })));

        await response.ShouldBeValidationProblemAsync("artist");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_BooleanWhereStringExpected_Returns400NamingField(string method, string path)
    {
        var response = await SendAsync(method, path, JsonContent.Create(ValidBody(path, b => b["genre"] = true)));

        await response.ShouldBeValidationProblemAsync("genre");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_NumberWhereDateExpected_Returns400NamingField(string method, string path)
    {
        var response = await SendAsync(method, path, JsonContent.Create(ValidBody(path, b => b["releaseDate"] = 20200517)));

        await response.ShouldBeValidationProblemAsync("releaseDate");
    }

    [Theory]
    [InlineData("POST", "/api/v1/songs", "\"abc\"")]
    [InlineData("POST", "/api/v1/songs", "\"12\"")]
    [InlineData("POST", "/api/v1/songs", "12.5")]
    [InlineData("POST", "/api/v1/songs", "99999999999")]
    [InlineData("POST", "/api/v1/songs", "true")]
    [InlineData("POST", "/api/v1/songs", "[12]")]
    [InlineData("PUT", "/api/v1/songs/{song}", "\"abc\"")]
    [InlineData("PUT", "/api/v1/songs/{song}", "\"12\"")]
    public async Task Send_DurationOfWrongType_Returns400NamingDuration(string method, string path, string duration)
    {
        var body = JsonSerializer.Serialize(CatalogApi.SongBody(b => b.Remove("duration")));
        var json = body[..^1] + $",\"duration\":{duration}}}";

        var response = await SendAsync(method, path, Json(json));

        var problem = await response.ShouldBeValidationProblemAsync("duration");
        problem.GetProperty("errors").GetProperty("duration")[0].GetString().Should().NotContainAny("Int32", "JSON value", "Path:");
    }

    [Fact]
    public async Task CreateSong_TwoFieldsOfWrongType_Returns400NamingAField()
    {
        var response = await _admin.PostAsync(CatalogApi.Songs,
            Json("""{"title":"T","artist":"A","genre":"G","fileUrl":"https://x.example.com/a.mp3","duration":"abc","releaseDate":5}"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["duration", "releaseDate"]).And.NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_UnknownProperties_AreIgnored(string method, string path)
    {
        var body = ValidBody(path, b =>
        {
            b["id"] = 424242;
            b["createdAt"] = "1990-01-01T00:00:00Z";
            b["songCount"] = 99;
            b["likeCount"] = 99;
            b["unknown"] = new { nested = new[] { 1, 2, 3 } };
            b["Title_"] = "ignored";
        });

        var response = await SendAsync(method, path, JsonContent.Create(body));

        var resource = await response.ShouldBeJsonAsync(method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK);
        resource.Id().Should().NotBe(424242);
        resource.Str("title").Should().Be((string)body["title"]!);
        resource.Str("createdAt").Should().NotStartWith("1990");
        if (resource.TryGetProperty("songCount", out var songCount)) songCount.GetInt32().Should().Be(0);
        if (resource.TryGetProperty("likeCount", out var likeCount)) likeCount.GetInt32().Should().Be(0);
        resource.TryGetProperty("unknown", out _).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_PropertyNamesInOtherCase_AreBound(string method, string path)
    {
        var body = ValidBody(path).ToDictionary(p => char.ToUpperInvariant(p.Key[0]) + p.Key[1..], p => p.Value);

        var response = await SendAsync(method, path, JsonContent.Create(body));

        var resource = await response.ShouldBeJsonAsync(method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK);
        resource.Str("title").Should().Be((string)body["Title"]!);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_BodyOverOneMiB_Returns413(string method, string path)
    {
        var response = await SendAsync(method, path, PaddedBody(path, OneMiB + 1, declareLength: true));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString().Should().Contain("1048576");
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_ChunkedBodyOverOneMiB_Returns413(string method, string path)
    {
        var response = await SendAsync(method, path, PaddedBody(path, OneMiB + 1, declareLength: false));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SetAlbumSong_BodyOverOneMiB_Returns413()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        var json = "{\"trackNumber\":1" + new string(' ', OneMiB) + "}";

        var response = await _admin.PutAsync($"{CatalogApi.Albums}/{album.Id()}/songs/{song.Id()}", Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task CreateAlbum_BodyOverOneMiBAnonymous_IsRefusedWithoutReadingIt()
    {
        var response = await factory.Anonymous().PostAsync(CatalogApi.Albums, PaddedBody(CatalogApi.Albums, OneMiB + 1, declareLength: true));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Unauthorized);
        await response.ShouldBeProblemAsync(response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Send_BodyOfExactlyOneMiB_IsReadAndValidated(string method, string path)
    {
        var response = await SendAsync(method, path, PaddedBody(path, OneMiB, declareLength: true));

        // Within the limit: the body is read, and its oversized description is a plain validation error.
        await response.ShouldBeValidationProblemAsync("description");
    }

    [Fact]
    public async Task CreateAlbum_InvalidUtf8_Returns400()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"title":"X","artist":"Y","genre":"Z"}""");
        bytes[10] = 0xC3;
        bytes[11] = 0x28;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _admin.PostAsync(CatalogApi.Albums, content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateAlbum_TextPlainBody_ReturnsProblem()
    {
        var response = await _admin.PostAsync(CatalogApi.Albums,
            new StringContent(JsonSerializer.Serialize(CatalogApi.AlbumBody()), Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    /// <summary>A valid body padded (inside its description) to exactly <paramref name="size"/> bytes.</summary>
    internal static HttpContent PaddedBody(string path, int size, bool declareLength)
    {
        var body = ValidBody(path, b => b["description"] = "");
        var json = JsonSerializer.Serialize(body);
        var padding = size - Encoding.UTF8.GetByteCount(json);
        var bytes = Encoding.UTF8.GetBytes(json.Replace("\"description\":\"\"", $"\"description\":\"{new string('x', padding)}\""));
        bytes.Length.Should().Be(size);
        HttpContent content = declareLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A readable stream that does not tell its length, so the client sends it chunked.</summary>
    internal sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
