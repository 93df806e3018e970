using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>POST, GET, PUT and DELETE of /api/v1/songs/{id}.</summary>
public sealed class SongEndpointsTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    [Fact]
    public async Task CreateSong_AsAdmin_Returns201WithLocationAndResource()
    {
        var body = CatalogApi.SongBody();

        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, body);

        var song = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        var id = song.Id();
        id.Should().BePositive();
        response.Headers.Location.Should().NotBeNull();
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/songs/{id}");
        song.Str("title").Should().Be((string)body["title"]!);
        song.Str("artist").Should().Be("The Testers");
        song.Str("genre").Should().Be("Rock");
        song.Str("fileUrl").Should().Be("https://cdn.example.com/song.mp3");
        song.GetProperty("duration").GetInt32().Should().Be(215);
        song.Str("description").Should().Be("A song made by the integration tests.");
        song.Str("coverImageUrl").Should().Be("https://images.example.com/song.png");
        song.Str("releaseDate").Should().Be("2021-01-31");
        song.GetProperty("likeCount").GetInt32().Should().Be(0);
        song.GetProperty("albums").GetArrayLength().Should().Be(0);
        song.Str("createdAt").Should().EndWith("Z");
        song.Str("updatedAt").Should().EndWith("Z");

        var fetched = await (await _user.GetAsync(response.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Id().Should().Be(id);
        fetched.Str("title").Should().Be(song.Str("title"));
        fetched.Str("fileUrl").Should().Be(song.Str("fileUrl"));
        fetched.Str("createdAt").Should().Be(song.Str("createdAt"));
    }

    [Fact]
    public async Task CreateSong_OnlyRequiredFields_Returns201WithNullOptionals()
    {
        var song = await _admin.CreateSongAsync(b =>
        {
            foreach (var optional in new[] { "duration", "description", "coverImageUrl", "releaseDate" }) b.Remove(optional);
        });

        song.GetProperty("duration").ValueKind.Should().Be(JsonValueKind.Null);
        song.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        song.GetProperty("coverImageUrl").ValueKind.Should().Be(JsonValueKind.Null);
        song.GetProperty("releaseDate").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task CreateSong_PaddedStrings_AreTrimmed()
    {
        var song = await _admin.CreateSongAsync(b =>
        {
            b["title"] = "  Padded Song ";
            b["artist"] = " Padded Artist\t";
            b["genre"] = "\nPop ";
            b["fileUrl"] = "  https://cdn.example.com/padded.mp3  ";
        });

        song.Str("title").Should().Be("Padded Song");
        song.Str("artist").Should().Be("Padded Artist");
        song.Str("genre").Should().Be("Pop");
        song.Str("fileUrl").Should().Be("https://cdn.example.com/padded.mp3");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(86400)]
    public async Task CreateSong_DurationAtBounds_Returns201(int duration)
    {
        var song = await _admin.CreateSongAsync(b => b["duration"] = duration);

        song.GetProperty("duration").GetInt32().Should().Be(duration);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86401)]
    public async Task CreateSong_DurationOutOfRange_Returns400(int duration)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b["duration"] = duration));

        await response.ShouldBeValidationProblemAsync("duration");
    }

    [Theory]
    [InlineData("title")]
    [InlineData("artist")]
    [InlineData("genre")]
    [InlineData("fileUrl")]
    public async Task CreateSong_MissingRequiredField_Returns400(string field)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b.Remove(field)));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task CreateSong_WhiteSpaceOnlyFileUrl_Returns400()
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b["fileUrl"] = "   "));

        await response.ShouldBeValidationProblemAsync("fileUrl");
    }

    [Theory]
    [InlineData("title", 101)]
    [InlineData("artist", 101)]
    [InlineData("genre", 51)]
    [InlineData("description", 501)]
    public async Task CreateSong_FieldOverLimit_Returns400(string field, int length)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b[field] = new string('x', length)));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("fileUrl")]
    [InlineData("coverImageUrl")]
    public async Task CreateSong_UrlOver255_Returns400(string field)
    {
        const string prefix = "https://cdn.example.com/";
        var url = prefix + new string('a', 256 - prefix.Length);

        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b[field] = url));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task CreateSong_UrlOf255_Returns201()
    {
        const string prefix = "https://cdn.example.com/";
        var url = prefix + new string('a', 255 - prefix.Length);

        var song = await _admin.CreateSongAsync(b => b["fileUrl"] = url);

        song.Str("fileUrl").Should().Be(url);
    }

    [Theory]
    [InlineData("fileUrl", "song.mp3")]
    [InlineData("fileUrl", "/music/song.mp3")]
    [InlineData("fileUrl", "ftp://cdn.example.com/song.mp3")]
    [InlineData("fileUrl", "javascript:alert(1)")]
    [InlineData("fileUrl", "mailto:someone@example.com")]
    [InlineData("coverImageUrl", "not a url")]
    [InlineData("coverImageUrl", "data:image/png;base64,AAAA")]
    public async Task CreateSong_InvalidUrl_Returns400(string field, string url)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b => b[field] = url));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task CreateSong_SeveralInvalidFields_Returns400ListingEach()
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Songs, CatalogApi.SongBody(b =>
        {
            b["title"] = "";
            b["fileUrl"] = "nope";
            b["duration"] = 0;
        }));

        await response.ShouldBeValidationProblemAsync("title", "fileUrl", "duration");
    }

    [Fact]
    public async Task GetSong_OnAlbums_Returns200WithAlbumRefs()
    {
        var song = await _admin.CreateSongAsync();
        var bAlbum = await _admin.CreateAlbumAsync(b => b["title"] = Unique.Name("b-album"));
        var aAlbum = await _admin.CreateAlbumAsync(b => b["title"] = Unique.Name("A-album"));
        await _admin.LinkAsync(bAlbum.Id(), song.Id(), 1);
        await _admin.LinkAsync(aAlbum.Id(), song.Id(), null);

        var response = await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}");

        var fetched = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Id().Should().Be(song.Id());
        fetched.GetProperty("likeCount").GetInt32().Should().Be(0);
        var albums = fetched.GetProperty("albums").EnumerateArray().ToArray();
        albums.Select(a => (a.Id(), a.Str("title"))).Should().BeEquivalentTo(
            new[] { (aAlbum.Id(), aAlbum.Str("title")), (bAlbum.Id(), bAlbum.Str("title")) });
        albums.Should().AllSatisfy(a => a.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("id", "title"));
    }

    [Fact]
    public async Task GetSong_Missing_Returns404()
    {
        var response = await _user.GetAsync($"{CatalogApi.Songs}/987654");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetSong_IdNotAnInteger_Returns404()
    {
        var response = await _user.GetAsync($"{CatalogApi.Songs}/abc");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateSong_AsAdmin_Returns200WithUpdatedResource()
    {
        var song = await _admin.CreateSongAsync();
        var album = await _admin.CreateAlbumAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 2);
        var body = CatalogApi.SongBody(b =>
        {
            b["title"] = "Changed Title";
            b["fileUrl"] = "http://cdn.example.com/changed.ogg";
            b["duration"] = null;
            b["releaseDate"] = "2010-10-10";
        });

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", body);

        var updated = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        updated.Id().Should().Be(song.Id());
        updated.Str("title").Should().Be("Changed Title");
        updated.Str("fileUrl").Should().Be("http://cdn.example.com/changed.ogg");
        updated.GetProperty("duration").ValueKind.Should().Be(JsonValueKind.Null);
        updated.Str("releaseDate").Should().Be("2010-10-10");
        updated.Str("createdAt").Should().Be(song.Str("createdAt"));
        updated.Str("updatedAt").Should().EndWith("Z");
        DateTime.Parse(updated.Str("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            .Should().BeOnOrAfter(DateTime.Parse(song.Str("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        updated.GetProperty("albums").Ids().Should().Equal(album.Id());

        var fetched = await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetRawText().Should().Be(updated.GetRawText());
    }

    [Fact]
    public async Task UpdateSong_Missing_Returns404()
    {
        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/987654", CatalogApi.SongBody());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateSong_InvalidBody_Returns400AndKeepsSong()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", CatalogApi.SongBody(b => b["duration"] = 86401));

        await response.ShouldBeValidationProblemAsync("duration");
        var fetched = await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetProperty("duration").GetInt32().Should().Be(215);
    }

    [Fact]
    public async Task DeleteSong_AsAdmin_Returns204AndSongIsGone()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}");

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteSong_Missing_Returns404()
    {
        var response = await _admin.DeleteAsync($"{CatalogApi.Songs}/987654");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
