using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>Uploading real files (made by real encoders and taggers) over HTTP, with the FileSystem store.</summary>
public sealed class UploadTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const string Uploads = "/api/v1/uploads";

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, int? albumId = null)
    {
        var form = new MultipartFormDataContent();
        if (albumId is { } id) form.Add(new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "albumId");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private IEnumerable<string> StoredFiles() =>
        Directory.Exists(Path.Combine(factory.StorageRoot, "objects"))
            ? Directory.EnumerateFiles(Path.Combine(factory.StorageRoot, "objects"), "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f))
            : [];

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    [Fact]
    public async Task Upload_TaggedFlac_CreatesTheSongItsAlbumAndCovers()
    {
        var bytes = AudioFixtures.Bytes("flac-tagged.flac");
        var admin = factory.AsAdmin();

        var response = await admin.PostAsync(Uploads, Form(bytes, "flac-tagged.flac"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var song = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = song.GetProperty("id").GetInt32();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/songs/{id}");
        song.GetProperty("title").GetString().Should().Be("Sine in A — ünïcode");
        song.GetProperty("artist").GetString().Should().Be("First Artist; Second Artist");
        song.GetProperty("genre").GetString().Should().Be("Ambient");
        song.GetProperty("releaseDate").GetString().Should().Be("2021-05-04");
        song.GetProperty("duration").GetInt32().Should().Be(2);
        song.GetProperty("fileUrl").GetString().Should().Be($"http://localhost/api/v1/songs/{id}/stream");
        var audio = song.GetProperty("audio");
        audio.GetProperty("format").GetString().Should().Be("flac");
        audio.GetProperty("mimeType").GetString().Should().Be("audio/flac");
        audio.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        audio.GetProperty("sha256").GetString().Should().Be(Sha256(bytes));
        audio.GetProperty("durationSeconds").GetDouble().Should().BeApproximately(2.0, 0.001);
        audio.GetProperty("sampleRate").GetInt32().Should().Be(44100);
        audio.GetProperty("channels").GetInt32().Should().Be(2);
        var album = song.GetProperty("albums").EnumerateArray().Should().ContainSingle().Subject;
        album.GetProperty("title").GetString().Should().Be("Test Tones");
        var albumId = album.GetProperty("id").GetInt32();

        var tracks = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/albums/{albumId}/songs");
        tracks.EnumerateArray().Single().GetProperty("trackNumber").GetInt32().Should().Be(3);
        var albumDetail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/albums/{albumId}");
        albumDetail.GetProperty("artist").GetString().Should().Be("Various Artists");

        foreach (var cover in new[] { $"/api/v1/songs/{id}/cover", $"/api/v1/albums/{albumId}/cover" })
        {
            var image = await factory.Anonymous().GetAsync(cover);
            image.StatusCode.Should().Be(HttpStatusCode.OK, cover);
            image.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
            image.Headers.CacheControl!.ToString().Should().Be("public, max-age=86400");
            var etag = image.Headers.ETag!;
            (await image.Content.ReadAsByteArrayAsync()).Should().HaveCount(225);

            var again = new HttpRequestMessage(HttpMethod.Get, cover);
            again.Headers.IfNoneMatch.Add(etag);
            (await factory.Anonymous().SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        }
    }

    [Fact]
    public async Task Upload_SameBytesTwice_SecondAnswers200WithTheSameSong()
    {
        var bytes = AudioFixtures.Bytes("mp3-v23-and-v1.mp3");
        var admin = factory.AsAdmin();
        var first = await (await admin.PostAsync(Uploads, Form(bytes, "a.mp3"))).Content.ReadFromJsonAsync<JsonElement>();

        var second = await admin.PostAsync(Uploads, Form(bytes, "b.mp3"));

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().Should().Be(first.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Upload_SameFileConcurrently_CreatesOneSong()
    {
        var bytes = AudioFixtures.Bytes("ogg-vorbis-mono-22050.ogg");
        var admin = factory.AsAdmin();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => admin.PostAsync(Uploads, Form(bytes, "x.ogg"))));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK]);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()));
        ids.Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task Upload_RandomBytes_Returns415AndLeavesNothing()
    {
        var bytes = new byte[50_000];
        new Random(7).NextBytes(bytes);

        var response = await factory.AsAdmin().PostAsync(Uploads, Form(bytes, "noise.mp3"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        StoredFiles().Should().NotContain(Sha256(bytes));
        var songs = await factory.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/songs?q=noise");
        songs.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Upload_AsUser_Returns403()
    {
        var response = await factory.AsUser().PostAsync(Uploads, Form(AudioFixtures.Bytes("mp3-untagged.mp3"), "x.mp3"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Upload_NoFilePart_Returns400()
    {
        var form = new MultipartFormDataContent { { new StringContent("3"), "albumId" } };

        var response = await factory.AsAdmin().PostAsync(Uploads, form);

        await response.ShouldBeValidationProblemAsync("file");
    }

    [Fact]
    public async Task DeleteSong_WithUploadedAudio_DeletesItsBytes()
    {
        var bytes = AudioFixtures.Bytes("wav-pcm16-mono.wav");
        var admin = factory.AsAdmin();
        var song = await (await admin.PostAsync(Uploads, Form(bytes, "tone.wav"))).Content.ReadFromJsonAsync<JsonElement>();
        StoredFiles().Should().Contain(Sha256(bytes));

        (await admin.DeleteAsync($"/api/v1/songs/{song.GetProperty("id").GetInt32()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        StoredFiles().Should().NotContain(Sha256(bytes));
    }

    [Fact]
    public async Task SongAudio_DeletedThenReplaced()
    {
        var admin = factory.AsAdmin();
        var song = await (await admin.PostAsync(Uploads, Form(AudioFixtures.Bytes("m4a-aac-untagged.m4a"), "My Tune.m4a")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = song.GetProperty("id").GetInt32();
        song.GetProperty("title").GetString().Should().Be("My Tune");
        song.GetProperty("artist").GetString().Should().Be("Unknown Artist");

        (await admin.DeleteAsync($"/api/v1/songs/{id}/audio")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var without = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/songs/{id}");
        without.GetProperty("audio").ValueKind.Should().Be(JsonValueKind.Null);
        await (await admin.DeleteAsync($"/api/v1/songs/{id}/audio")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var flac = AudioFixtures.Bytes("flac-mono-22050.flac");
        var replaced = await admin.PutAsync($"/api/v1/songs/{id}/audio", Form(flac, "other.flac"));

        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("title").GetString().Should().Be("My Tune");
        body.GetProperty("audio").GetProperty("format").GetString().Should().Be("flac");
    }

    [Fact]
    public async Task PutCover_ByContentNotHeader()
    {
        var admin = factory.AsAdmin();
        var album = await (await admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/albums/{album.GetProperty("id").GetInt32()}/cover";
        await (await factory.Anonymous().GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        var lying = new ByteArrayContent(png);
        lying.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        (await admin.PutAsync(url, lying)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var notImage = new ByteArrayContent("GIF89a-not-ours"u8.ToArray());
        notImage.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await (await admin.PutAsync(url, notImage)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var cover = await factory.Anonymous().GetAsync(url);
        cover.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await cover.Content.ReadAsByteArrayAsync()).Should().Equal(png);
    }

    [Fact]
    public async Task PutCover_OverFiveMiB_Returns413()
    {
        var admin = factory.AsAdmin();
        var album = await (await admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())).Content.ReadFromJsonAsync<JsonElement>();
        var body = new byte[5 * 1024 * 1024 + 1];
        body[0] = 0xFF;
        body[1] = 0xD8;
        body[2] = 0xFF;

        var response = await admin.PutAsync($"/api/v1/albums/{album.GetProperty("id").GetInt32()}/cover", new ByteArrayContent(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}

/// <summary>A small <c>Uploads:MaxBytes</c>: a larger file is a 413 while it streams, and nothing is kept.</summary>
public sealed class UploadLimitTests(UploadLimitTests.SmallLimitFactory factory) : IClassFixture<UploadLimitTests.SmallLimitFactory>
{
    public sealed class SmallLimitFactory : MusicPlayerFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Uploads:MaxBytes", "10000");
        }
    }

    [Fact]
    public async Task Upload_LargerThanMaxBytes_Returns413AndKeepsNothing()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(AudioFixtures.Bytes("flac-tagged.flac")), "file", "big.flac" } };

        var response = await factory.AsAdmin().PostAsync("/api/v1/uploads", form);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var objects = Path.Combine(factory.StorageRoot, "objects");
        (Directory.Exists(objects) ? Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories) : []).Should().BeEmpty();
    }
}
