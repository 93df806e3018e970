using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Comments;

/// <summary>The comment routes, and posting one as a test step.</summary>
public static class CommentApi
{
    public static string OfSong(int songId) => $"{CatalogApi.Songs}/{songId}/comments";

    public static string Comment(int id) => $"/api/v1/comments/{id}";

    /// <summary>Posts <paramref name="body"/> on the song, expecting 201, and returns the comment.</summary>
    public static async Task<JsonElement> CommentAsync(this HttpClient client, int songId, string body = "What a take.") =>
        await (await client.PostAsJsonAsync(OfSong(songId), new { body })).ShouldBeJsonAsync(HttpStatusCode.Created);

    public static async Task<int> CommentCountAsync(this HttpClient client, int songId) =>
        (await (await client.GetAsync($"{CatalogApi.Songs}/{songId}")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("commentCount").GetInt32();
}
