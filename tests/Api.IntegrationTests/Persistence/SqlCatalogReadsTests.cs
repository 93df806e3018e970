using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Audio;
using MusicPlayer.Api.IntegrationTests.Comments;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Persistence;

/// <summary>
/// The hand-written catalog reads (<see cref="SqlCatalogReads"/>, the app's reader on SQLite and PostgreSQL) answer
/// exactly what the specifications answer (<see cref="SpecCatalogReads"/>), field by field as JSON, for songs with and
/// without stored audio, optional fields, albums, likes, plays and comments, for every kind of caller, and for missing
/// songs and albums; and every field of those shapes is set somewhere in the data compared, so a field the hand-written
/// SQL does not read cannot pass unnoticed.
/// </summary>
public sealed class SqlCatalogReadsTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int Missing = 987_654;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task SongDetailAndAlbumTracks_AreTheSpecificationsAnswers_FieldByField()
    {
        var (songs, albums) = await SeedAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var fast = scope.ServiceProvider.GetRequiredService<ICatalogReads>();
        var reference = scope.ServiceProvider.GetRequiredService<SpecCatalogReads>();
        fast.Should().BeOfType<SqlCatalogReads>("the test databases are SQLite and PostgreSQL");

        var details = new List<string>();
        foreach (var song in songs.Append(Missing))
        {
            foreach (var caller in new int?[] { factory.User.Id, factory.Admin.Id, null, Missing })
            {
                var expected = JsonSerializer.Serialize(await reference.SongDetailAsync(song, caller, CancellationToken.None), Json);
                var actual = JsonSerializer.Serialize(await fast.SongDetailAsync(song, caller, CancellationToken.None), Json);
                actual.Should().Be(expected, $"song {song} read by {caller?.ToString() ?? "nobody"}");
                details.Add(actual);
            }
        }

        var tracks = new List<string>();
        foreach (var album in albums.Append(Missing))
        {
            var expected = JsonSerializer.Serialize(await reference.AlbumTracksAsync(album, CancellationToken.None), Json);
            var actual = JsonSerializer.Serialize(await fast.AlbumTracksAsync(album, CancellationToken.None), Json);
            actual.Should().Be(expected, $"album {album}");
            tracks.Add(actual);
        }

        details.Should().Contain("null", "a missing song is null");
        tracks.Should().Contain("null", "a missing album is null").And.Contain("[]", "an empty album is an empty list");
        ShouldSetEveryField(details.Where(d => d != "null").Select(d => JsonNode.Parse(d)!));
        ShouldSetEveryField(tracks.Where(t => t is not ("null" or "[]")).SelectMany(t => JsonNode.Parse(t)!.AsArray()).Select(t => t!));
    }

    [Theory]
    [InlineData(SqlCatalogReads.SongDetailSql)]
    [InlineData(SqlCatalogReads.AlbumTracksSql)]
    [InlineData(SqlCatalogReads.AlbumExistsSql)]
    public async Task Statements_OnSqlite_SearchIndexesAndScanNoTable(string sql)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        if (!db.Database.IsSqlite()) return;
        var plan = await SqlitePlan.StepsAsync(db, sql, 1);

        plan.Should().NotBeEmpty().And.Contain(step => step.StartsWith("SEARCH"));
        plan.Should().NotContain(step => step.StartsWith("SCAN"), "each read is a few index searches, whatever the catalog's size");
    }

    /// <summary>Every property of the objects (and of their nested objects) has a value other than its default in at least one of them.</summary>
    private static void ShouldSetEveryField(IEnumerable<JsonNode> objects)
    {
        var all = new HashSet<string>();
        var set = new HashSet<string>();
        void Visit(JsonObject node, string prefix)
        {
            foreach (var (name, value) in node)
            {
                all.Add(prefix + name);
                switch (value)
                {
                    case JsonObject nested:
                        set.Add(prefix + name);
                        Visit(nested, prefix + name + ".");
                        break;
                    case JsonArray array when array.Count > 0:
                    case JsonValue when value.ToJsonString() is not ("0" or "false" or "\"\""):
                        set.Add(prefix + name);
                        break;
                }
            }
        }

        foreach (var node in objects) Visit(node.AsObject(), "");
        all.Should().NotBeEmpty();
        all.Except(set).Should().BeEmpty("every field is compared with a value of its own somewhere");
    }

    /// <summary>Songs and albums of every shape, through the API: the ids of the songs, then of the albums (the last one empty).</summary>
    private async Task<(int[] Songs, int[] Albums)> SeedAsync()
    {
        var admin = factory.AsAdmin();
        var user = factory.AsUser();
        var full = (await admin.CreateSongAsync()).Id();
        var bare = (await admin.CreateSongAsync(b =>
        {
            b.Remove("description");
            b.Remove("coverImageUrl");
            b.Remove("releaseDate");
            b.Remove("duration");
        })).Id();
        var flac = await UploadAsync(admin, "flac-tagged.flac");
        var mp3 = await UploadAsync(admin, "mp3-v23-and-v1.mp3");

        var first = (await admin.CreateAlbumAsync(b => b["title"] = "B " + Unique.Name("Album"))).Id();
        var second = (await admin.CreateAlbumAsync(b => b["title"] = "A " + Unique.Name("Album"))).Id();
        var empty = (await admin.CreateAlbumAsync()).Id();
        await admin.LinkAsync(first, full, 2);
        await admin.LinkAsync(first, bare, null);
        await admin.LinkAsync(first, mp3, 1);
        await admin.LinkAsync(first, flac, null);
        await admin.LinkAsync(second, full, null);

        (await user.PutAsync($"{CatalogApi.Songs}/{full}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PutAsync($"{CatalogApi.Songs}/{full}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PutAsync($"{CatalogApi.Songs}/{mp3}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await user.RecordAsync(PlayCounts.Play(full, secondsPlayed: 200));
        await user.CommentAsync(full);
        await admin.CommentAsync(full);

        return ([full, bare, flac, mp3], [first, second, empty]);
    }

    private static async Task<int> UploadAsync(HttpClient admin, string fixture)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(AudioFixtures.Bytes(fixture));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fixture);
        return (await (await admin.PostAsync("/api/v1/uploads", form)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
    }
}
