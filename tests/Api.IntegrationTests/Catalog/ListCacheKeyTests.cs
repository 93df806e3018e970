using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// The list cache is keyed by the parameters the list binds, in canonical form: junk parameters,
/// their order and number spellings neither skip the cache nor fill it. A song written straight into
/// the database (so the catalog version does not move) shows which requests were answered from it.
/// </summary>
public sealed class ListCacheKeyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _anonymous = factory.Anonymous();

    private async Task<int> TotalAsync(string path)
    {
        var response = await _anonymous.GetAsync(path);
        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        return body.GetProperty("totalCount").GetInt32();
    }

    /// <summary>Adds a song of <paramref name="genre"/> behind the app's back: cached lists do not see it.</summary>
    private async Task AddSongUnnoticedAsync(string genre)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        db.Songs.Add(Song.Create(new SongDetails(new CatalogDetails("Unnoticed", "Nobody", genre), "https://cdn.example.com/x.mp3"), DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task List_WithJunkReorderedOrRespelledParameters_IsAnsweredFromTheSameEntry()
    {
        var genre = Unique.Name("Genre");
        (await TotalAsync($"{CatalogApi.Songs}?genre={genre}&page=1")).Should().Be(0);
        await AddSongUnnoticedAsync(genre);

        foreach (var variant in new[]
                 {
                     $"?genre={genre}&page=1&x={Guid.NewGuid():N}",
                     $"?page=1&genre={genre}",
                     $"?genre={genre}&page=01",
                     $"?genre={genre}",
                     $"?genre={genre}&q=&utm_source=mail",
                 })
        {
            (await TotalAsync(CatalogApi.Songs + variant)).Should().Be(0, $"'{variant}' asks the same question, so it gets the cached answer");
        }

        (await TotalAsync($"{CatalogApi.Songs}?genre={genre}&pageSize=21")).Should().Be(1, "a different page size is a different question");
    }

    [Fact]
    public async Task List_WithARepeatedParameter_IsNotAnsweredFromTheCache()
    {
        var genre = Unique.Name("Genre");
        (await TotalAsync($"{CatalogApi.Songs}?genre={genre}")).Should().Be(0);
        await AddSongUnnoticedAsync(genre);

        var response = await _anonymous.GetAsync($"{CatalogApi.Songs}?genre={genre}&genre={genre}");

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("totalCount").GetInt32().Should().NotBe(0, "a repeated parameter is answered uncached");
        }
        else
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }
    }
}
