using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>POST, GET, PUT and DELETE of /api/v1/albums/{id}.</summary>
public sealed class AlbumEndpointsTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    [Fact]
    public async Task CreateAlbum_AsAdmin_Returns201WithLocationAndResource()
    {
        var body = CatalogApi.AlbumBody();

        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, body);

        var album = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        var id = album.Id();
        id.Should().BePositive();
        response.Headers.Location.Should().NotBeNull();
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/albums/{id}");
        album.Str("title").Should().Be((string)body["title"]!);
        album.Str("artist").Should().Be("The Testers");
        album.Str("genre").Should().Be("Rock");
        album.Str("description").Should().Be("An album made by the integration tests.");
        album.Str("coverImageUrl").Should().Be("https://images.example.com/cover.png");
        album.Str("releaseDate").Should().Be("2020-05-17");
        album.GetProperty("songCount").GetInt32().Should().Be(0);

        var fetched = await (await _user.GetAsync(response.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetRawText().Should().Be(album.GetRawText(), "the Location header points at the created resource");
    }

    [Fact]
    public async Task CreateAlbum_OnlyRequiredFields_Returns201WithNullOptionals()
    {
        var album = await _admin.CreateAlbumAsync(b =>
        {
            b.Remove("description");
            b.Remove("coverImageUrl");
            b.Remove("releaseDate");
        });

        album.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        album.GetProperty("coverImageUrl").ValueKind.Should().Be(JsonValueKind.Null);
        album.GetProperty("releaseDate").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task CreateAlbum_PaddedStrings_AreTrimmed()
    {
        var title = Unique.Name("Trimmed");

        var album = await _admin.CreateAlbumAsync(b =>
        {
            b["title"] = $"  {title}\t ";
            b["artist"] = "\n Padded Artist  ";
            b["genre"] = " Jazz ";
            b["description"] = "  words  ";
            b["coverImageUrl"] = "  https://images.example.com/x.png  ";
        });

        album.Str("title").Should().Be(title);
        album.Str("artist").Should().Be("Padded Artist");
        album.Str("genre").Should().Be("Jazz");
        album.Str("description").Should().Be("words");
        album.Str("coverImageUrl").Should().Be("https://images.example.com/x.png");
        var fetched = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Str("title").Should().Be(title);
    }

    [Fact]
    public async Task CreateAlbum_WhiteSpaceOnlyDescription_IsStoredAsMissing()
    {
        var album = await _admin.CreateAlbumAsync(b => b["description"] = "   ");

        album.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task CreateAlbum_Timestamps_AreUtcIso8601()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);

        var album = await _admin.CreateAlbumAsync();
        var fetched = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);

        foreach (var resource in new[] { album, fetched })
        {
            foreach (var field in new[] { "createdAt", "updatedAt" })
            {
                var text = resource.Str(field);
                text.Should().EndWith("Z");
                var parsed = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                parsed.Kind.Should().Be(DateTimeKind.Utc);
                parsed.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTime.UtcNow.AddSeconds(5));
            }
        }

        fetched.Str("createdAt").Should().Be(album.Str("createdAt"), "the stored timestamp reads back as written");
    }

    [Theory]
    [InlineData("2020-05-17")]
    [InlineData("1969-12-31")]
    [InlineData("2000-02-29")]
    public async Task CreateAlbum_ReleaseDate_RoundTripsAsDate(string date)
    {
        var album = await _admin.CreateAlbumAsync(b => b["releaseDate"] = date);

        album.Str("releaseDate").Should().Be(date);
        var fetched = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Str("releaseDate").Should().Be(date);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("artist")]
    [InlineData("genre")]
    public async Task CreateAlbum_MissingRequiredField_Returns400(string field)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b.Remove(field)));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("artist")]
    [InlineData("genre")]
    public async Task CreateAlbum_WhiteSpaceOnlyRequiredField_Returns400(string field)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b[field] = " \t "));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task CreateAlbum_AllRequiredFieldsMissing_Returns400ListingEach()
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, new Dictionary<string, object?>());

        await response.ShouldBeValidationProblemAsync("title", "artist", "genre");
    }

    [Theory]
    [InlineData("title", 101)]
    [InlineData("artist", 101)]
    [InlineData("genre", 51)]
    [InlineData("description", 501)]
    public async Task CreateAlbum_FieldOverLimit_Returns400(string field, int length)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b[field] = new string('x', length)));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("title", 100)]
    [InlineData("artist", 100)]
    [InlineData("genre", 50)]
    [InlineData("description", 500)]
    public async Task CreateAlbum_FieldAtLimit_Returns201(string field, int length)
    {
        var value = new string('y', length);

        var album = await _admin.CreateAlbumAsync(b => b[field] = value);

        album.Str(field).Should().Be(value);
    }

    [Fact]
    public async Task CreateAlbum_LimitCountsTrimmedLength_Returns201()
    {
        var title = new string('t', 100);

        var album = await _admin.CreateAlbumAsync(b => b["title"] = $"   {title}   ");

        album.Str("title").Should().Be(title);
    }

    [Fact]
    public async Task CreateAlbum_CoverUrlOver255_Returns400()
    {
        var url = "https://images.example.com/" + new string('a', 256 - "https://images.example.com/".Length);

        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b["coverImageUrl"] = url));

        await response.ShouldBeValidationProblemAsync("coverImageUrl");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("images/cover.png")]
    [InlineData("/images/cover.png")]
    [InlineData("ftp://images.example.com/cover.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://")]
    public async Task CreateAlbum_InvalidCoverUrl_Returns400(string url)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b["coverImageUrl"] = url));

        await response.ShouldBeValidationProblemAsync("coverImageUrl");
    }

    [Theory]
    [InlineData("2020-13-01")]
    [InlineData("17/05/2020")]
    [InlineData("yesterday")]
    [InlineData("2020-05-17T10:00:00Z")]
    public async Task CreateAlbum_InvalidReleaseDate_Returns400(string date)
    {
        var response = await _admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b["releaseDate"] = date));

        await response.ShouldBeValidationProblemAsync("releaseDate");
    }

    [Fact]
    public async Task GetAlbum_Exists_Returns200WithSongCount()
    {
        var album = await _admin.CreateAlbumAsync();
        var first = await _admin.CreateSongAsync();
        var second = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), first.Id(), 1);
        await _admin.LinkAsync(album.Id(), second.Id(), null);

        var response = await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}");

        var fetched = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Id().Should().Be(album.Id());
        fetched.Str("title").Should().Be(album.Str("title"));
        fetched.GetProperty("songCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task GetAlbum_Missing_Returns404()
    {
        var response = await _user.GetAsync($"{CatalogApi.Albums}/987654");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    public async Task GetAlbum_IdNotAnInteger_Returns404(string id)
    {
        var response = await _user.GetAsync($"{CatalogApi.Albums}/{id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateAlbum_AsAdmin_Returns200WithUpdatedResource()
    {
        var album = await _admin.CreateAlbumAsync();
        var title = Unique.Name("Renamed");
        var body = CatalogApi.AlbumBody(b =>
        {
            b["title"] = $" {title} ";
            b["artist"] = "Someone Else";
            b["genre"] = "Jazz";
            b["description"] = null;
            b["coverImageUrl"] = "http://images.example.com/new.jpg";
            b["releaseDate"] = "1999-12-31";
        });

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}", body);

        var updated = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        updated.Id().Should().Be(album.Id());
        updated.Str("title").Should().Be(title);
        updated.Str("artist").Should().Be("Someone Else");
        updated.Str("genre").Should().Be("Jazz");
        updated.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        updated.Str("coverImageUrl").Should().Be("http://images.example.com/new.jpg");
        updated.Str("releaseDate").Should().Be("1999-12-31");
        updated.Str("createdAt").Should().Be(album.Str("createdAt"));
        updated.Str("updatedAt").Should().EndWith("Z");
        DateTime.Parse(updated.Str("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            .Should().BeOnOrAfter(DateTime.Parse(album.Str("updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

        var fetched = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetRawText().Should().Be(updated.GetRawText());
    }

    [Fact]
    public async Task UpdateAlbum_KeepsSongCount()
    {
        var album = await _admin.CreateAlbumAsync();
        var song = await _admin.CreateSongAsync();
        await _admin.LinkAsync(album.Id(), song.Id(), 3);

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}", CatalogApi.AlbumBody());

        var updated = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        updated.GetProperty("songCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task UpdateAlbum_Missing_Returns404()
    {
        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/987654", CatalogApi.AlbumBody());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateAlbum_InvalidBody_Returns400AndKeepsAlbum()
    {
        var album = await _admin.CreateAlbumAsync();

        var response = await _admin.PutAsJsonAsync($"{CatalogApi.Albums}/{album.Id()}",
            CatalogApi.AlbumBody(b => { b["title"] = new string('x', 101); b["coverImageUrl"] = "nope"; }));

        await response.ShouldBeValidationProblemAsync("title", "coverImageUrl");
        var fetched = await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.Str("title").Should().Be(album.Str("title"));
    }

    [Fact]
    public async Task DeleteAlbum_AsAdmin_Returns204AndAlbumIsGone()
    {
        var album = await _admin.CreateAlbumAsync();

        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}");

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await _user.GetAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync($"{CatalogApi.Albums}/{album.Id()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteAlbum_Missing_Returns404()
    {
        var response = await _admin.DeleteAsync($"{CatalogApi.Albums}/987654");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
