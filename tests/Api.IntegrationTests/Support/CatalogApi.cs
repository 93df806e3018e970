using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Request bodies for the catalog and helpers that create albums and songs through the API as an admin.</summary>
public static class CatalogApi
{
    public const string Albums = "/api/v1/albums";
    public const string Songs = "/api/v1/songs";

    /// <summary>A valid album body; <paramref name="change"/> may set, null or remove fields.</summary>
    public static Dictionary<string, object?> AlbumBody(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = Unique.Name("Album"),
            ["artist"] = "The Testers",
            ["genre"] = "Rock",
            ["description"] = "An album made by the integration tests.",
            ["coverImageUrl"] = "https://images.example.com/cover.png",
            ["releaseDate"] = "2020-05-17",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>A valid song body; <paramref name="change"/> may set, null or remove fields.</summary>
    public static Dictionary<string, object?> SongBody(Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = Unique.Name("Song"),
            ["artist"] = "The Testers",
            ["genre"] = "Rock",
            ["fileUrl"] = "https://cdn.example.com/song.mp3",
            ["duration"] = 215,
            ["description"] = "A song made by the integration tests.",
            ["coverImageUrl"] = "https://images.example.com/song.png",
            ["releaseDate"] = "2021-01-31",
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> CreateAlbumAsync(this HttpClient admin, Action<Dictionary<string, object?>>? change = null)
    {
        var response = await admin.PostAsJsonAsync(Albums, AlbumBody(change));
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> CreateSongAsync(this HttpClient admin, Action<Dictionary<string, object?>>? change = null)
    {
        var response = await admin.PostAsJsonAsync(Songs, SongBody(change));
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>PUT /albums/{albumId}/songs/{songId}, expecting 204.</summary>
    public static async Task LinkAsync(this HttpClient admin, int albumId, int songId, int? trackNumber)
    {
        var response = await admin.PutAsJsonAsync($"{Albums}/{albumId}/songs/{songId}", new Dictionary<string, object?> { ["trackNumber"] = trackNumber });
        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
    }

    public static int Id(this JsonElement resource) => resource.GetProperty("id").GetInt32();

    public static string Str(this JsonElement resource, string property) => resource.GetProperty(property).GetString()!;

    /// <summary>The ids of a paged response's items, in order.</summary>
    public static int[] ItemIds(this JsonElement page) => page.GetProperty("items").EnumerateArray().Select(Id).ToArray();

    /// <summary>The ids of a JSON array's elements, in order.</summary>
    public static int[] Ids(this JsonElement array) => array.EnumerateArray().Select(Id).ToArray();
}
