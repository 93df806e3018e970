using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary>
/// The contract against a real S3 server (s3rver, see <see cref="S3TestServer"/>), a fresh bucket
/// per test, with every request the client sends recorded; and what is particular to S3: one PUT or
/// a multipart upload plus a copy, aborts, the read-ahead cache, presigned GETs.
/// </summary>
public sealed class S3AudioStoreTests : AudioStoreContract
{
    private readonly string _bucket = $"t-{Guid.NewGuid():N}";
    private readonly RecordingFactory _recording = new();
    private IAmazonS3 _client = null!;

    private S3AudioStore S3Store => (S3AudioStore)Store;

    private IReadOnlyList<string> Requests => _recording.Requests.ToArray();

    protected override async Task<IAudioStore> CreateStoreAsync()
    {
        var server = await S3TestServer.GetAsync();
        var options = new S3StorageOptions(server.Url.ToString(), _bucket, S3TestServer.AccessKey, S3TestServer.SecretKey, "us-east-1", true);
        var config = options.CreateConfig();
        config.HttpClientFactory = _recording;
        _client = options.CreateClient(config);
        await _client.PutBucketAsync(_bucket);
        _recording.Requests.Clear();
        return new S3AudioStore(_client, ownsClient: true, _bucket, Amazon.S3.Protocol.HTTP, TimeProvider.System, NullLogger.Instance,
            partSize: S3AudioStore.MinimumPartSize);
    }

    protected override async Task<IReadOnlyList<string>> ListEverythingAsync()
    {
        var listed = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        return listed.S3Objects?.Select(o => o.Key).ToList() ?? [];
    }

    public override Task DisposeAsync()
    {
        S3Store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ABodyOfOnePart_IsOnePut_ToItsFinalKey()
    {
        var bytes = GeneratedStream.Bytes(1000);

        var stored = await WriteAsync(bytes);

        Requests.Should().Equal($"HEAD /{_bucket}/{ObjectName(stored.Key)}", $"PUT /{_bucket}/{ObjectName(stored.Key)}");
        (await ListEverythingAsync()).Should().Equal(ObjectName(stored.Key));
    }

    [Fact]
    public async Task ALargerBody_IsUploadedInParts_ToATemporaryKey_ThenCopiedToItsFinalKey()
    {
        var stored = await Store.WriteAsync(new GeneratedStream(LargeSize), long.MaxValue, CancellationToken.None);

        var requests = Requests;
        requests.Should().Contain(r => r.StartsWith($"POST /{_bucket}/tmp/") && r.EndsWith("?uploads"));
        requests.Count(r => r.StartsWith($"PUT /{_bucket}/tmp/") && r.Contains("partNumber=")).Should().Be(3, "12 MiB in 5 MiB parts");
        requests.Should().Contain($"PUT /{_bucket}/{ObjectName(stored.Key)}", "the copy");
        requests.Last().Should().StartWith($"DELETE /{_bucket}/tmp/");
        (await ListEverythingAsync()).Should().Equal(ObjectName(stored.Key));
    }

    [Fact]
    public async Task AFailedMultipartWrite_AbortsItsUpload()
    {
        var write = () => Store.WriteAsync(new GeneratedStream(LargeSize, failAfter: 7 * 1024 * 1024), long.MaxValue, CancellationToken.None);

        await write.Should().ThrowAsync<IOException>();

        // s3rver answers the abort 405 (it does not implement it) and the store logs that; real S3 and MinIO drop the parts.
        Requests.Last().Should().MatchRegex($"^DELETE /{_bucket}/tmp/[0-9a-f]{{32}}\\?uploadId=");
        (await ListEverythingAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ManySmallReads_AreServedByAFewRangedGets()
    {
        var bytes = GeneratedStream.Bytes(1_000_000);
        var stored = await WriteAsync(bytes);
        await using var source = await Store.OpenRandomAccessAsync(stored.Key, CancellationToken.None);
        var s3Source = (S3ByteSource)source;

        // An inspector's pattern: headers at the head, a tag at the tail, a few bytes at a time.
        var buffer = new byte[10];
        for (var offset = 0; offset < 60_000; offset += 10)
        {
            (await source.ReadAsync(offset, buffer, CancellationToken.None)).Should().Be(10);
            buffer.Should().Equal(bytes[offset..(offset + 10)]);
        }
        for (var offset = bytes.Length - 128; offset < bytes.Length; offset += 10)
            await source.ReadAsync(offset, buffer, CancellationToken.None);

        s3Source.Requests.Should().Be(2);
        buffer[..8].Should().Equal(bytes[^8..]);
    }

    [Fact]
    public async Task TheReadAheadCache_KeepsOnlyTheLastFewBlocks()
    {
        var bytes = GeneratedStream.Bytes(S3ByteSource.BlockSize * (S3ByteSource.MaxBlocks + 2));
        var stored = await WriteAsync(bytes);
        await using var source = await Store.OpenRandomAccessAsync(stored.Key, CancellationToken.None);
        var s3Source = (S3ByteSource)source;
        var buffer = new byte[1];

        for (var block = 0; block < S3ByteSource.MaxBlocks + 2; block++)
            await source.ReadAsync(block * (long)S3ByteSource.BlockSize, buffer, CancellationToken.None);
        await source.ReadAsync(S3ByteSource.BlockSize * (S3ByteSource.MaxBlocks + 1L), buffer, CancellationToken.None);
        s3Source.Requests.Should().Be(S3ByteSource.MaxBlocks + 2, "the last block read is cached");

        await source.ReadAsync(0, buffer, CancellationToken.None);
        s3Source.Requests.Should().Be(S3ByteSource.MaxBlocks + 3, "the first block was evicted");
        buffer[0].Should().Be(bytes[0]);
    }

    [Fact]
    public async Task PresignGet_GivesAUrl_ThatAPlainHttpClientGets()
    {
        var bytes = GeneratedStream.Bytes(5000);
        var stored = await WriteAsync(bytes);

        var url = Store.PresignGet(stored.Key, TimeSpan.FromMinutes(5), "audio/flac");

        // s3rver does not check SigV4 signatures, so a tampered or expired URL cannot be shown refused
        // here: the URL's shape is what can be checked, and that it serves the bytes without credentials.
        url.Should().NotBeNull();
        url!.AbsolutePath.Should().Be($"/{_bucket}/{ObjectName(stored.Key)}");
        url.Query.Should().Contain("X-Amz-Algorithm=AWS4-HMAC-SHA256").And.Contain("X-Amz-Signature=")
            .And.Contain("response-content-type=audio%2Fflac");
        var expires = System.Web.HttpUtility.ParseQueryString(url.Query)["X-Amz-Expires"];
        int.Parse(expires!).Should().BeInRange(298, 300, "five minutes less a second of clock skew from the signing second, never more");
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("audio/flac");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
    }

    [Fact]
    public void PresignGet_RefusesLifetimesS3DoesNotTake()
    {
        var key = Sha256([1]);

        FluentActions.Invoking(() => Store.PresignGet(key, TimeSpan.FromDays(8), "audio/mpeg")).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Store.PresignGet(key, TimeSpan.Zero, "audio/mpeg")).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static string ObjectName(string key) => $"objects/{key[..2]}/{key[2..4]}/{key}";

    /// <summary>The SDK's HTTP client with a handler that records "METHOD /path?query" of each request.</summary>
    private sealed class RecordingFactory : HttpClientFactory
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new RecordingHandler(Requests));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        private sealed class RecordingHandler(ConcurrentQueue<string> requests) : DelegatingHandler(new SocketsHttpHandler())
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                requests.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
