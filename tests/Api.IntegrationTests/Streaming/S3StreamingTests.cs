using System.Net;
using System.Net.Http.Headers;
using System.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Storage;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Api.IntegrationTests.Streaming;

/// <summary>The app on S3 storage (s3rver), redirecting streams to presigned URLs or proxying them.</summary>
public sealed class S3StreamingFactory(Uri serviceUrl, string bucket, bool redirect) : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Backend", "S3");
        builder.UseSetting("Storage:S3:ServiceUrl", serviceUrl.ToString());
        builder.UseSetting("Storage:S3:Bucket", bucket);
        builder.UseSetting("Storage:S3:AccessKey", S3TestServer.AccessKey);
        builder.UseSetting("Storage:S3:SecretKey", S3TestServer.SecretKey);
        if (!redirect) builder.UseSetting("Storage:S3:RedirectStreams", "false");
        builder.ConfigureTestServices(RecordingAudioStore.Wrap);
    }

    public RecordingAudioStore Store => Services.GetRequiredService<RecordingAudioStore>();
}

/// <summary>One bucket, one app that redirects (the default) and one that proxies, and a song stored through the API.</summary>
public sealed class S3StreamingFixture : IAsyncLifetime
{
    public const int Size = 300_000;

    public S3StreamingFactory Redirecting { get; private set; } = null!;
    public S3StreamingFactory Proxying { get; private set; } = null!;
    public byte[] Bytes { get; } = StreamingApi.Wav(Size, seed: 0x5EED_0053);
    public int SongId { get; private set; }

    public async Task InitializeAsync()
    {
        var server = await S3TestServer.GetAsync();
        var bucket = $"stream-{Guid.NewGuid():N}";
        using (var client = new S3StorageOptions(server.Url.ToString(), bucket, S3TestServer.AccessKey, S3TestServer.SecretKey, "us-east-1", true)
                   .CreateClient())
            await client.PutBucketAsync(bucket);
        Redirecting = new S3StreamingFactory(server.Url, bucket, redirect: true);
        Proxying = new S3StreamingFactory(server.Url, bucket, redirect: false);
        await Redirecting.InitializeAsync();
        await Proxying.InitializeAsync();
        SongId = await Proxying.UploadAsync(Bytes);
    }

    public async Task DisposeAsync()
    {
        await Redirecting.DisposeAsync();
        await Proxying.DisposeAsync();
    }
}

public sealed class S3StreamingTests(S3StreamingFixture fixture) : IClassFixture<S3StreamingFixture>
{
    private static HttpClient NoRedirects(MusicPlayerFactory factory, string? token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<int> SongIdInAsync(S3StreamingFactory factory)
    {
        // Both apps share the bucket, not the database: the redirecting one stores the same bytes itself.
        return factory == fixture.Proxying ? fixture.SongId : await factory.UploadAsync(fixture.Bytes);
    }

    [Fact]
    public async Task Redirecting_Stream_Is302ToAPresignedUrlOfAtMostFiveMinutes_ThatServesTheBytes()
    {
        var factory = fixture.Redirecting;
        var id = await SongIdInAsync(factory);

        var response = await NoRedirects(factory, factory.User.Token()).GetAsync(StreamingApi.Stream(id));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var location = response.Headers.Location!;
        location.IsAbsoluteUri.Should().BeTrue(location.OriginalString);
        var server = await S3TestServer.GetAsync();
        location.GetLeftPart(UriPartial.Authority).Should().Be(server.Url.GetLeftPart(UriPartial.Authority));
        int.Parse(HttpUtility.ParseQueryString(location.Query)["X-Amz-Expires"]!).Should().BeInRange(1, 300);
        factory.Store.Reads.Should().BeEmpty("the bytes come from the store, not through the API");

        using var plain = new HttpClient();
        var stored = await plain.GetAsync(location);
        stored.StatusCode.Should().Be(HttpStatusCode.OK);
        stored.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        (await stored.Content.ReadAsByteArrayAsync()).Should().Equal(fixture.Bytes);
        var ranged = new HttpRequestMessage(HttpMethod.Get, location) { Headers = { Range = new RangeHeaderValue(10, 19) } };
        (await (await plain.SendAsync(ranged)).Content.ReadAsByteArrayAsync()).Should().Equal(fixture.Bytes[10..20], "the store seeks too");
    }

    [Fact]
    public async Task Redirecting_SignedUrl_WithoutAToken_Redirects_ButABadSignatureIs403()
    {
        var factory = fixture.Redirecting;
        var id = await SongIdInAsync(factory);
        var (url, _) = await factory.SignedUrlAsync(id);
        var anonymous = NoRedirects(factory, token: null);

        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.Found);
        await (await anonymous.GetAsync(url.PathAndQuery + "x")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync(StreamingApi.Stream(id))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Proxying_WholeFile_IsOneReadOfTheWholeObject()
    {
        var factory = fixture.Proxying;
        factory.Store.Reads.Clear();

        var response = await factory.AsUser().GetAsync(StreamingApi.Stream(fixture.SongId));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.AcceptRanges.Should().Equal("bytes");
        response.Content.Headers.ContentType!.MediaType.Should().Be("audio/wav");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(fixture.Bytes);
        factory.Store.Reads.Should().Equal([(0L, (long?)S3StreamingFixture.Size)]);
    }

    [Theory]
    [InlineData("bytes=1000-1999", 1000, 1999)]
    [InlineData("bytes=250000-", 250000, S3StreamingFixture.Size - 1)]
    [InlineData("bytes=-64", S3StreamingFixture.Size - 64, S3StreamingFixture.Size - 1)]
    public async Task Proxying_Range_Is206_AndFetchesOnlyThatRangeFromTheStore(string range, long from, long to)
    {
        var factory = fixture.Proxying;
        factory.Store.Reads.Clear();
        var request = new HttpRequestMessage(HttpMethod.Get, StreamingApi.Stream(fixture.SongId));
        request.Headers.TryAddWithoutValidation("Range", range);

        var response = await factory.AsUser().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes {from}-{to}/{S3StreamingFixture.Size}");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(fixture.Bytes[(int)from..(int)(to + 1)]);
        factory.Store.Reads.Should().Equal([(from, (long?)(to - from + 1))]);
    }

    [Fact]
    public async Task Proxying_Head_NotModified_AndUnsatisfiable_ReadNothingFromTheStore()
    {
        var factory = fixture.Proxying;
        var client = factory.AsUser();
        var etag = (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, StreamingApi.Stream(fixture.SongId)))).Headers.ETag!;
        factory.Store.Reads.Clear();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, StreamingApi.Stream(fixture.SongId)));
        var notModified = new HttpRequestMessage(HttpMethod.Get, StreamingApi.Stream(fixture.SongId));
        notModified.Headers.IfNoneMatch.Add(etag);
        var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, StreamingApi.Stream(fixture.SongId))
        {
            Headers = { Range = new RangeHeaderValue(S3StreamingFixture.Size, null) },
        };

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.Should().Be(S3StreamingFixture.Size);
        (await client.SendAsync(notModified)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        var refused = await client.SendAsync(unsatisfiable);
        refused.StatusCode.Should().Be(HttpStatusCode.RequestedRangeNotSatisfiable);
        refused.Content.Headers.ContentRange!.ToString().Should().Be($"bytes */{S3StreamingFixture.Size}");
        factory.Store.Reads.Should().BeEmpty();
    }
}
