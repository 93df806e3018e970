using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>
/// Control characters, invisible format characters and broken UTF-16 in text fields and text query
/// parameters are a 400 naming the field, on every database (a NUL used to be a 500 on PostgreSQL),
/// and nothing is stored. Ordinary text, emoji sequences and line breaks in descriptions are kept.
/// </summary>
public sealed class TextInputTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    public static TheoryData<string> BadText => ["a\u0000b", "evil\u202Etxt", "bom\uFEFF!", "tab\there", "bell\u0007"];

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task ListQueries_WithBadText_Return400NamingTheParameter(string bad)
    {
        foreach (var (path, parameter) in new[]
                 {
                     (CatalogApi.Songs, "q"), (CatalogApi.Songs, "genre"), (CatalogApi.Albums, "artist"), (AccountApi.Users, "q"),
                 })
        {
            var response = await factory.AsAdmin().GetAsync($"{path}?{parameter}={Uri.EscapeDataString(bad)}");

            await response.ShouldBeValidationProblemAsync(parameter);
        }
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task CreateAlbum_WithBadTitle_Returns400AndStoresNothing(string bad)
    {
        var title = $"Bad {Guid.NewGuid():N} {bad}";

        var response = await factory.AsAdmin().PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b["title"] = title));

        await response.ShouldBeValidationProblemAsync("title");
        var list = await factory.Anonymous().GetFromJsonAsync<JsonElement>($"{CatalogApi.Albums}?q={Uri.EscapeDataString(title[..20])}");
        list.GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task CreateSong_WithAnUnpairedSurrogate_Returns400()
    {
        var body = JsonSerializer.Serialize(CatalogApi.SongBody()).Replace("\"title\":\"", "\"title\":\"\\ud800");

        var response = await factory.AsAdmin().PostAsync(CatalogApi.Songs, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Login_WithNulInEmail_Returns400()
    {
        var response = await factory.Anonymous().PostAsJsonAsync(AccountApi.Login, new { email = "a\u0000@example.com", password = "x" });

        await response.ShouldBeValidationProblemAsync("email");
    }

    [Fact]
    public async Task Register_WithBidiOverrideInName_Returns400()
    {
        var response = await factory.Anonymous().PostAsJsonAsync(AccountApi.Register,
            AccountApi.RegisterBody(b => b["firstName"] = "Ann\u202Ea"));

        await response.ShouldBeValidationProblemAsync("firstName");
    }

    [Fact]
    public async Task CreateAlbum_WithEmojiSequenceAndMultilineDescription_KeepsBoth()
    {
        var title = "Family \U0001F468\u200D\U0001F469\u200D\U0001F467 " + Guid.NewGuid().ToString("N")[..8];
        const string description = "First line\nSecond line\twith a tab";

        var response = await factory.AsAdmin().PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b =>
        {
            b["title"] = title;
            b["description"] = description;
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var album = await response.Content.ReadFromJsonAsync<JsonElement>();
        album.Str("title").Should().Be(title);
        album.Str("description").Should().Be(description);
    }
}
