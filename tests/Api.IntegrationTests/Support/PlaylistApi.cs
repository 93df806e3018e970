using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Playlist requests and checks for the HTTP tests.</summary>
public static class PlaylistApi
{
    public const string Playlists = "/api/v1/playlists";
    public const string MyPlaylists = "/api/v1/users/me/playlists";

    public static string Songs(int playlistId) => $"{Playlists}/{playlistId}/songs";

    public static async Task<JsonElement> CreatePlaylistAsync(this HttpClient client, string? name = null, bool isPublic = false,
        object? rules = null)
    {
        var response = await client.PostAsJsonAsync(Playlists, new { name = name ?? Unique.Name("Playlist"), isPublic, rules });
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> AddSongsAsync(this HttpClient client, int playlistId, int[] songIds, int? position = null)
    {
        var response = await client.PostAsJsonAsync(Songs(playlistId), new { songIds, position });
        return await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> MoveAsync(this HttpClient client, int playlistId, int entryId, int position, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Songs(playlistId)}/{entryId}/position") { Content = JsonContent.Create(new { position }) };
        if (ifMatch is { } version) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    /// <summary>Every entry of the playlist in order, as (entryId, position, songId), read page by page.</summary>
    public static async Task<List<(int EntryId, int Position, int SongId)>> EntriesAsync(this HttpClient client, int playlistId)
    {
        var all = new List<(int, int, int)>();
        for (var page = 1; ; page++)
        {
            var body = await (await client.GetAsync($"{Songs(playlistId)}?page={page}&pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);
            var items = body.GetProperty("items").EnumerateArray().ToList();
            all.AddRange(items.Select(e => (e.GetProperty("entryId").GetInt32(), e.GetProperty("position").GetInt32(),
                e.GetProperty("song").Id())));
            if (items.Count < 100) return all;
        }
    }

    /// <summary>The songs of a (smart) playlist in order, by id.</summary>
    public static async Task<int[]> SongIdsAsync(this HttpClient client, int playlistId, int pageSize = 100)
    {
        var body = await (await client.GetAsync($"{Songs(playlistId)}?pageSize={pageSize}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("song").Id()).ToArray();
    }

    public static async Task<JsonElement> GetPlaylistAsync(this HttpClient client, int playlistId) =>
        await (await client.GetAsync($"{Playlists}/{playlistId}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    /// <summary>Runs <paramref name="change"/> on the app's database directly (setting up states the API takes long to reach).</summary>
    public static async Task WithDatabaseAsync(this MusicPlayerFactory factory, Func<MusicPlayerDbContext, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>());
    }

    /// <summary>
    /// The stored rows of a playlist's entries, straight from the database: their sort keys in playlist order (by key,
    /// then id) and the kept count.
    /// </summary>
    public static async Task<(int[] Keys, int SongCount)> StoredAsync(this MusicPlayerFactory factory, int playlistId)
    {
        int[] keys = [];
        var count = 0;
        await factory.WithDatabaseAsync(async db =>
        {
            keys = await db.PlaylistEntries.Where(e => e.PlaylistId == playlistId).OrderBy(e => e.SortKey).ThenBy(e => e.Id)
                .Select(e => e.SortKey).ToArrayAsync();
            count = await db.Playlists.Where(p => p.Id == playlistId).Select(p => p.SongCount).SingleAsync();
        });
        return (keys, count);
    }

    /// <summary>
    /// The playlist's order is sound: as many entries as its kept count, no two sharing a key (so the order never
    /// depends on ids), and the list reads them at positions 1..n without gaps.
    /// </summary>
    public static async Task ShouldHoldOrderAsync(this MusicPlayerFactory factory, HttpClient client, int playlistId, string because = "")
    {
        var (keys, count) = await factory.StoredAsync(playlistId);
        keys.Should().HaveCount(count, because).And.OnlyHaveUniqueItems(because);
        (await client.EntriesAsync(playlistId)).Select(e => e.Position).Should().Equal(Enumerable.Range(1, count), because);
    }
}
