using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Api.IntegrationTests.Streaming;

/// <summary>
/// GET and HEAD /songs/{id}/stream with the FileSystem store: every row of the contract (curl -r cases as
/// HttpClient Range headers), conditional requests, access by token or signed URL.
/// </summary>
public sealed class StreamingTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>, IAsyncLifetime
{
    private const int Size = 100_000;
    private byte[] _bytes = [];
    private int _id;

    public async Task InitializeAsync()
    {
        _bytes = StreamingApi.Wav(Size, seed: 0x5EED_0001);
        _id = await factory.UploadAsync(_bytes);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_bytes));

    private Task<HttpResponseMessage> SendAsync(Action<HttpRequestMessage> configure, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, StreamingApi.Stream(_id));
        configure(request);
        return factory.AsUser().SendAsync(request);
    }

    private Task<HttpResponseMessage> RangeAsync(string range) =>
        SendAsync(r => r.Headers.TryAddWithoutValidation("Range", range));

    private async Task ShouldBePartAsync(HttpResponseMessage response, long from, long to)
    {
        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes {from}-{to}/{Size}");
        response.Content.Headers.ContentLength.Should().Be(to - from + 1);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_bytes[(int)from..(int)(to + 1)]);
    }

    private async Task ShouldBeWholeFileAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentRange.Should().BeNull();
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_bytes);
    }

    [Fact]
    public async Task Get_WithAToken_IsTheWholeFileWithItsTypeAndValidators()
    {
        var response = await factory.AsUser().GetAsync(StreamingApi.Stream(_id));

        await ShouldBeWholeFileAsync(response);
        response.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        response.Content.Headers.ContentLength.Should().Be(Size);
        response.Headers.AcceptRanges.Should().Equal("bytes");
        response.Headers.ETag!.Tag.Should().Be($"\"{Sha256}\"");
        response.Headers.ETag.IsWeak.Should().BeFalse();
        response.Content.Headers.LastModified.Should().NotBeNull();
        response.Headers.CacheControl!.Private.Should().BeTrue();
    }

    [Fact]
    public async Task FileUrl_OfTheSong_IsItsStreamEndpoint()
    {
        var song = await factory.AsUser().GetFromJsonAsync<JsonElement>($"/api/v1/songs/{_id}");

        song.GetProperty("fileUrl").GetString().Should().Be($"http://localhost{StreamingApi.Stream(_id)}");
    }

    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=1000-1999", 1000, 1999)]
    [InlineData("bytes=99000-", 99000, Size - 1)]
    [InlineData("bytes=-500", Size - 500, Size - 1)]
    [InlineData("bytes=99990-200000", 99990, Size - 1)]
    [InlineData("bytes=-200000", 0, Size - 1)]
    public async Task Range_OneRange_Is206WithItsBytes(string range, long from, long to) =>
        await ShouldBePartAsync(await RangeAsync(range), from, to);

    [Theory]
    [InlineData("bytes=100000-")]
    [InlineData("bytes=200000-300000")]
    public async Task Range_Unsatisfiable_Is416WithTheSize(string range)
    {
        var response = await RangeAsync(range);

        response.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes */{Size}");
    }

    [Theory]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=0-9, -10")]
    public async Task Range_SeveralRanges_IsTheWholeFile(string range) => await ShouldBeWholeFileAsync(await RangeAsync(range));

    [Theory]
    [InlineData("items=0-9")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=9-0")]
    public async Task Range_Malformed_IsIgnored(string range) => await ShouldBeWholeFileAsync(await RangeAsync(range));

    [Fact]
    public async Task IfRange_CurrentETag_Is206_StaleETag_IsTheWholeFile()
    {
        await ShouldBePartAsync(await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue($"\"{Sha256}\"");
        }), 10, 19);

        await ShouldBeWholeFileAsync(await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue($"\"{new string('0', 64)}\"");
        }));
    }

    [Fact]
    public async Task IfRange_LastModifiedDate_Is206_AnEarlierDate_IsTheWholeFile()
    {
        var lastModified = (await factory.AsUser().GetAsync(StreamingApi.Stream(_id))).Content.Headers.LastModified!.Value;

        await ShouldBePartAsync(await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue(lastModified);
        }), 10, 19);

        await ShouldBeWholeFileAsync(await SendAsync(r =>
        {
            r.Headers.Range = new RangeHeaderValue(10, 19);
            r.Headers.IfRange = new RangeConditionHeaderValue(lastModified.AddDays(-1));
        }));
    }

    [Fact]
    public async Task IfNoneMatch_CurrentETag_Is304_OtherETag_IsTheFile()
    {
        var notModified = await SendAsync(r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256}\"")));
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.Tag.Should().Be($"\"{Sha256}\"");
        (await notModified.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        var withRange = await SendAsync(r =>
        {
            r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{Sha256}\""));
            r.Headers.Range = new RangeHeaderValue(0, 9);
        });
        withRange.StatusCode.Should().Be(HttpStatusCode.NotModified, "If-None-Match is evaluated before Range");

        await ShouldBeWholeFileAsync(await SendAsync(r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""))));
    }

    [Fact]
    public async Task IfMatch_OtherETag_Is412()
    {
        var response = await SendAsync(r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"other\"")));

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Head_AnswersTheHeadersWithoutTheBytes()
    {
        var whole = await SendAsync(_ => { }, HttpMethod.Head);
        whole.StatusCode.Should().Be(HttpStatusCode.OK);
        whole.Content.Headers.ContentLength.Should().Be(Size);
        whole.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        whole.Headers.AcceptRanges.Should().Equal("bytes");
        whole.Headers.ETag!.Tag.Should().Be($"\"{Sha256}\"");
        (await whole.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        var part = await SendAsync(r => r.Headers.Range = new RangeHeaderValue(100, 199), HttpMethod.Head);
        part.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        part.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 100-199/{Size}");
        (await part.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Stream_SongWithoutAudio_Or_NoSuchSong_Is404()
    {
        var created = await factory.AsAdmin().PostAsJsonAsync(CatalogApi.Songs, new
        {
            title = "No audio", artist = "Nobody", genre = "Silence", fileUrl = "https://cdn.example.com/none.mp3",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        await (await factory.AsUser().GetAsync(StreamingApi.Stream(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.AsUser().GetAsync(StreamingApi.StreamUrl(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.AsUser().GetAsync(StreamingApi.Stream(987654))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.AsUser().GetAsync(StreamingApi.StreamUrl(987654))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stream_AfterTheAudioIsReplacedOrDeleted_ServesTheNewBytesOr404AtOnce()
    {
        var id = await factory.UploadAsync(StreamingApi.Wav(5_000, seed: 0x5EED_0004));
        var first = await factory.AsUser().GetAsync(StreamingApi.Stream(id));
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var replacement = StreamingApi.Wav(6_000, seed: 0x5EED_0005);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(replacement), "file", "new.wav" } };

        (await factory.AsAdmin().PutAsync($"/api/v1/songs/{id}/audio", form)).StatusCode.Should().Be(HttpStatusCode.OK);

        var second = await factory.AsUser().GetAsync(StreamingApi.Stream(id));
        second.Headers.ETag.Should().NotBe(first.Headers.ETag);
        (await second.Content.ReadAsByteArrayAsync()).Should().Equal(replacement);
        (await factory.AsAdmin().DeleteAsync($"/api/v1/songs/{id}/audio")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await factory.AsUser().GetAsync(StreamingApi.Stream(id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stream_FromAnAllowedOrigin_ExposesTheRangeHeadersToScripts()
    {
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Cors:AllowedOrigins:0", "https://player.example.com"));
        var (url, _) = await factory.SignedUrlAsync(_id);
        var request = new HttpRequestMessage(HttpMethod.Get, url.PathAndQuery) { Headers = { Range = new RangeHeaderValue(0, 9) } };
        request.Headers.Add("Origin", "https://player.example.com");

        var response = await app.CreateClient().SendAsync(request);

        await ShouldBePartAsync(response, 0, 9);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://player.example.com");
        response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            .Should().Contain(["Content-Range", "Accept-Ranges", "ETag"]);
    }

    [Fact]
    public async Task Stream_NeitherTokenNorSignature_Is401()
    {
        await (await factory.Anonymous().GetAsync(StreamingApi.Stream(_id))).ShouldBeUnauthorizedAsync();
        await (await factory.WithToken("not-a-token").GetAsync(StreamingApi.Stream(_id))).ShouldBeUnauthorizedAsync();
        await (await factory.Anonymous().GetAsync(StreamingApi.StreamUrl(_id))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task SignedUrl_WithoutAToken_StreamsAndSeeks()
    {
        var before = DateTime.UtcNow;
        var (url, expiresAt) = await factory.SignedUrlAsync(_id);

        url.GetLeftPart(UriPartial.Path).Should().Be($"http://localhost{StreamingApi.Stream(_id)}");
        url.Query.Should().MatchRegex(@"^\?expires=\d+&sig=[A-Za-z0-9_%-]+$");
        expiresAt.Should().BeCloseTo(before.AddMinutes(StreamingOptions.DefaultSignedUrlMinutes), TimeSpan.FromSeconds(5));
        var anonymous = factory.Anonymous();
        await ShouldBeWholeFileAsync(await anonymous.GetAsync(url.PathAndQuery));
        var ranged = new HttpRequestMessage(HttpMethod.Get, url.PathAndQuery) { Headers = { Range = new RangeHeaderValue(50_000, null) } };
        await ShouldBePartAsync(await anonymous.SendAsync(ranged), 50_000, Size - 1);
    }

    [Fact]
    public async Task SignedUrl_Tampered_Expired_OrOfAnotherSong_Is403()
    {
        var (url, _) = await factory.SignedUrlAsync(_id);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var (expires, sig) = (query["expires"]!, query["sig"]!);
        var signer = factory.Services.GetRequiredService<IStreamUrlSigner>();
        var past = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var otherId = await factory.UploadAsync(StreamingApi.Wav(2_000, seed: 0x5EED_0002));
        var anonymous = factory.Anonymous();

        foreach (var bad in new[]
                 {
                     $"{StreamingApi.Stream(_id)}?expires={expires}&sig={(sig[0] == 'A' ? 'B' : 'A')}{sig[1..]}",
                     $"{StreamingApi.Stream(_id)}?expires={long.Parse(expires) + 1}&sig={sig}",
                     $"{StreamingApi.Stream(otherId)}?expires={expires}&sig={sig}",
                     $"{StreamingApi.Stream(_id)}?expires={past}&sig={signer.Sign(_id, past)}",
                     $"{StreamingApi.Stream(_id)}?expires={expires}",
                     $"{StreamingApi.Stream(_id)}?sig={sig}",
                     $"{StreamingApi.Stream(_id)}?expires=-1&sig={sig}",
                     $"{StreamingApi.Stream(_id)}?expires=99999999999999999999999&sig={sig}",
                     $"{StreamingApi.Stream(_id)}?expires={expires}&sig=%00{new string('A', 5000)}",
                 })
        {
            await (await anonymous.GetAsync(bad)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await factory.AsUser().GetAsync(bad)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Stream_WhenEveryStreamSlotIsTaken_Is503WithRetryAfter_AndTheSlotComesBack()
    {
        var slots = factory.Services.GetRequiredService<StreamSlots>();
        var held = new List<IDisposable>();
        try
        {
            while (slots.InUse < slots.Capacity) held.Add(slots.Take());

            var response = await factory.AsUser().GetAsync(StreamingApi.Stream(_id));

            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        }
        finally
        {
            held.ForEach(h => h.Dispose());
        }

        await ShouldBeWholeFileAsync(await factory.AsUser().GetAsync(StreamingApi.Stream(_id)));
        slots.InUse.Should().Be(0, "every response gave its slot back");
    }
}
