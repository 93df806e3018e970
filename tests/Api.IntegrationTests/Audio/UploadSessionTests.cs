using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.Uploads;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>The three-step upload (create a session, PUT the bytes to its signed URL, complete) over HTTP, with the FileSystem store.</summary>
public sealed class UploadSessionTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const string Sessions = "/api/v1/uploads/sessions";

    private IEnumerable<string> StoredFiles() =>
        Directory.Exists(Path.Combine(factory.StorageRoot, "objects"))
            ? Directory.EnumerateFiles(Path.Combine(factory.StorageRoot, "objects"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>()
            : [];

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private async Task<JsonElement> CreateAsync(string fileName, long size, string? sha256 = null)
    {
        var response = await factory.AsAdmin().PostAsJsonAsync(Sessions, new { fileName, size, sha256 });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> PutAsync(string url, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await factory.Anonymous().PutAsync(url, content);
    }

    private static byte[] Unique(byte[] bytes, int extra)
    {
        // Different bytes (so other tests' files do not share its key), still a FLAC file: trailing bytes are ignored by readers.
        var copy = new byte[bytes.Length + extra];
        bytes.CopyTo(copy, 0);
        return copy;
    }

    [Fact]
    public async Task WholeFlow_CreatesTheSong_AndCompletingAgainAnswersTheSameSong()
    {
        var bytes = AudioFixtures.Bytes("flac-tagged.flac");
        var session = await CreateAsync("flac-tagged.flac", bytes.Length, Sha256(bytes));
        session.GetProperty("method").GetString().Should().Be("PUT");
        session.GetProperty("headers").GetProperty("Content-Type").GetString().Should().Be("application/octet-stream");
        session.GetProperty("expiresAt").GetDateTime().Should().BeAfter(DateTime.UtcNow.AddMinutes(55));
        var id = session.GetProperty("id").GetInt32();
        var url = session.GetProperty("uploadUrl").GetString()!;
        url.Should().StartWith($"http://localhost{Sessions}/{id}/content?expires=");

        var put = await PutAsync(url, bytes);
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        var received = await put.Content.ReadFromJsonAsync<JsonElement>();
        received.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        received.GetProperty("sha256").GetString().Should().Be(Sha256(bytes));
        StoredFiles().Should().Contain(Sha256(bytes));

        var completed = await factory.AsAdmin().PostAsync($"{Sessions}/{id}/complete", null);
        completed.StatusCode.Should().Be(HttpStatusCode.Created, await completed.Content.ReadAsStringAsync());
        var song = await completed.Content.ReadFromJsonAsync<JsonElement>();
        var songId = song.GetProperty("id").GetInt32();
        completed.Headers.Location!.ToString().Should().Be($"/api/v1/songs/{songId}");
        song.GetProperty("title").GetString().Should().Be("Sine in A — ünïcode");
        song.GetProperty("audio").GetProperty("sha256").GetString().Should().Be(Sha256(bytes));
        song.GetProperty("audio").GetProperty("size").GetInt64().Should().Be(bytes.Length);

        var again = await factory.AsAdmin().PostAsync($"{Sessions}/{id}/complete", null);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().Should().Be(songId);

        // The same bytes through a second session are the existing song.
        var second = await CreateAsync("copy.flac", bytes.Length);
        (await PutAsync(second.GetProperty("uploadUrl").GetString()!, bytes)).StatusCode.Should().Be(HttpStatusCode.OK);
        var duplicate = await factory.AsAdmin().PostAsync($"{Sessions}/{second.GetProperty("id").GetInt32()}/complete", null);
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK);
        (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().Should().Be(songId);
    }

    [Fact]
    public async Task Put_WithATamperedSignature_Is403()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 1);
        var session = await CreateAsync("a.flac", bytes.Length);
        var url = session.GetProperty("uploadUrl").GetString()!;
        var sig = url[(url.IndexOf("&sig=", StringComparison.Ordinal) + 5)..];
        var tampered = url.Replace("&sig=" + sig, "&sig=" + (sig[0] == 'A' ? 'B' : 'A') + sig[1..], StringComparison.Ordinal);

        await (await PutAsync(tampered, bytes)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await PutAsync(url.Replace("&sig=" + sig, "", StringComparison.Ordinal), bytes)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // The signature covers the id: another session's URL with this signature is refused.
        await (await PutAsync(url.Replace($"/sessions/{session.GetProperty("id").GetInt32()}/", "/sessions/987654/", StringComparison.Ordinal), bytes))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        StoredFiles().Should().NotContain(Sha256(bytes));
    }

    [Fact]
    public async Task Put_WithAnExpiredSignature_Is403_AndUnknownSessionWithAValidOneIs404()
    {
        var signer = factory.Services.GetRequiredService<IUploadUrlSigner>();
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 2);
        var session = await CreateAsync("a.flac", bytes.Length);
        var id = session.GetProperty("id").GetInt32();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();

        await (await PutAsync($"{Sessions}/{id}/content?expires={past}&sig={signer.Sign(id, past)}", bytes))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        await (await PutAsync($"{Sessions}/987654/content?expires={future}&sig={signer.Sign(987654, future)}", bytes))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        StoredFiles().Should().NotContain(Sha256(bytes));
    }

    [Fact]
    public async Task Complete_AnExpiredSession_Is404()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 3);
        var session = await CreateAsync("a.flac", bytes.Length);
        var id = session.GetProperty("id").GetInt32();
        (await PutAsync(session.GetProperty("uploadUrl").GetString()!, bytes)).StatusCode.Should().Be(HttpStatusCode.OK);
        await ExpireAsync(id);

        await (await factory.AsAdmin().PostAsync($"{Sessions}/{id}/complete", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.AsAdmin().PostAsync($"{Sessions}/987654/complete", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Complete_BeforeTheBytes_Is409()
    {
        var session = await CreateAsync("a.flac", 1000);

        await (await factory.AsAdmin().PostAsync($"{Sessions}/{session.GetProperty("id").GetInt32()}/complete", null))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Put_FewerBytesThanDeclared_Is409_AndNothingIsStored()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 4);
        var session = await CreateAsync("a.flac", bytes.Length + 10);

        await (await PutAsync(session.GetProperty("uploadUrl").GetString()!, bytes)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        StoredFiles().Should().NotContain(Sha256(bytes));
        await (await factory.AsAdmin().PostAsync($"{Sessions}/{session.GetProperty("id").GetInt32()}/complete", null))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Put_MoreBytesThanDeclared_Is413_AndNothingIsStored()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 5);
        var session = await CreateAsync("a.flac", bytes.Length - 10);

        await (await PutAsync(session.GetProperty("uploadUrl").GetString()!, bytes)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        StoredFiles().Should().NotContain(Sha256(bytes));
        StoredFiles().Should().NotContain(Sha256(bytes[..^10]));
    }

    [Fact]
    public async Task Put_BytesWithAnotherSha256ThanDeclared_Is409_AndNothingIsStored()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 6);
        var session = await CreateAsync("a.flac", bytes.Length, new string('a', 64));

        await (await PutAsync(session.GetProperty("uploadUrl").GetString()!, bytes)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        StoredFiles().Should().NotContain(Sha256(bytes));
    }

    [Theory]
    [InlineData("""{"size":10}""", "fileName")]
    [InlineData("""{"fileName":"  ","size":10}""", "fileName")]
    [InlineData("""{"fileName":"a\u0007.flac","size":10}""", "fileName")]
    [InlineData("""{"fileName":"a.flac","size":0}""", "size")]
    [InlineData("""{"fileName":"a.flac","size":10,"sha256":"xyz"}""", "sha256")]
    public async Task Create_WithAnInvalidBody_Is400(string body, string field)
    {
        var response = await factory.AsAdmin().PostAsync(Sessions, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Create_LargerThanUploadsMaxBytes_Is413()
    {
        var response = await factory.AsAdmin().PostAsJsonAsync(Sessions, new { fileName = "big.flac", size = 10L * 1024 * 1024 * 1024 });

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task NonAdmins_MayNeitherCreateNorComplete()
    {
        await (await factory.AsUser().PostAsJsonAsync(Sessions, new { fileName = "a.flac", size = 10 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var session = await CreateAsync("a.flac", 10);
        await (await factory.AsUser().PostAsync($"{Sessions}/{session.GetProperty("id").GetInt32()}/complete", null))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Sweep_RemovesAnExpiredSessionAndItsBytes_ButNotBytesASongHolds()
    {
        var bytes = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 7);
        var session = await CreateAsync("a.flac", bytes.Length);
        var id = session.GetProperty("id").GetInt32();
        (await PutAsync(session.GetProperty("uploadUrl").GetString()!, bytes)).StatusCode.Should().Be(HttpStatusCode.OK);
        StoredFiles().Should().Contain(Sha256(bytes));

        var held = Unique(AudioFixtures.Bytes("flac-tagged.flac"), 8);
        var songSession = await CreateAsync("b.flac", held.Length);
        var songSessionId = songSession.GetProperty("id").GetInt32();
        (await PutAsync(songSession.GetProperty("uploadUrl").GetString()!, held)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await factory.AsAdmin().PostAsync($"{Sessions}/{songSessionId}/complete", null)).StatusCode.Should().Be(HttpStatusCode.Created);
        // An uncompleted session whose bytes a song holds (the same file uploaded twice).
        var again = await CreateAsync("c.flac", held.Length);
        (await PutAsync(again.GetProperty("uploadUrl").GetString()!, held)).StatusCode.Should().Be(HttpStatusCode.OK);
        await ExpireAsync(id);
        await ExpireAsync(again.GetProperty("id").GetInt32());

        var sweep = factory.Services.GetServices<IHostedService>().OfType<UploadSessionSweep>().Single();
        (await sweep.PurgeAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(2);

        StoredFiles().Should().NotContain(Sha256(bytes));
        StoredFiles().Should().Contain(Sha256(held));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        (await db.UploadSessions.AnyAsync(s => s.Id == id)).Should().BeFalse();
    }

    private async Task ExpireAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        await db.UploadSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
    }
}

/// <summary>The app storing in S3 (s3rver, a fresh bucket created before start-up).</summary>
public sealed class S3UploadFactory : MusicPlayerFactory
{
    public string Bucket { get; } = $"t-{Guid.NewGuid():N}";

    internal Infrastructure.Storage.S3StorageOptions Options(Storage.S3TestServer server) =>
        new(server.Url.ToString(), Bucket, Storage.S3TestServer.AccessKey, Storage.S3TestServer.SecretKey, "us-east-1", true);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var server = Storage.S3TestServer.GetAsync().GetAwaiter().GetResult();
        using (var client = Options(server).CreateClient())
            client.PutBucketAsync(Bucket).GetAwaiter().GetResult();
        builder.UseSetting("Storage:Backend", "S3");
        builder.UseSetting("Storage:S3:ServiceUrl", server.Url.ToString());
        builder.UseSetting("Storage:S3:Bucket", Bucket);
        builder.UseSetting("Storage:S3:AccessKey", Storage.S3TestServer.AccessKey);
        builder.UseSetting("Storage:S3:SecretKey", Storage.S3TestServer.SecretKey);
    }
}

/// <summary>The same three steps with S3 storage: the bytes pass through the API's signed URL into the bucket.</summary>
public sealed class S3UploadSessionTests(S3UploadFactory factory) : IClassFixture<S3UploadFactory>
{
    [Fact]
    public async Task WholeFlow_StoresInTheBucket_AndShortBytesLeaveNothing()
    {
        var bytes = AudioFixtures.Bytes("flac-tagged.flac");
        var admin = factory.AsAdmin();
        var session = await (await admin.PostAsJsonAsync("/api/v1/uploads/sessions", new { fileName = "s3.flac", size = bytes.Length }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await factory.Anonymous().PutAsync(session.GetProperty("uploadUrl").GetString(), content)).StatusCode.Should().Be(HttpStatusCode.OK);

        var completed = await admin.PostAsync($"/api/v1/uploads/sessions/{session.GetProperty("id").GetInt32()}/complete", null);
        completed.StatusCode.Should().Be(HttpStatusCode.Created, await completed.Content.ReadAsStringAsync());
        (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audio").GetProperty("size").GetInt64().Should().Be(bytes.Length);

        var before = await ObjectCountAsync();
        var shortSession = await (await admin.PostAsJsonAsync("/api/v1/uploads/sessions", new { fileName = "short.flac", size = bytes.Length + 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var shortContent = new ByteArrayContent(bytes[..^1]);
        shortContent.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await (await factory.Anonymous().PutAsync(shortSession.GetProperty("uploadUrl").GetString(), shortContent))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await ObjectCountAsync()).Should().Be(before);
    }

    private async Task<int> ObjectCountAsync()
    {
        using var client = factory.Options(await Storage.S3TestServer.GetAsync()).CreateClient();
        return (await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = factory.Bucket })).S3Objects?.Count ?? 0;
    }
}
