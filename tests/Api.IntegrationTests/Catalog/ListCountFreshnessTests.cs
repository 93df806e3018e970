using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>The app with a clock the tests move, so the list cache's one-second bound on counts is exact.</summary>
public sealed class ListCountFreshnessFactory : MusicPlayerFactory
{
    /// <summary>The app's clock: now, cut to whole seconds (every database keeps them exactly).</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>
/// API.md, Freshness: <c>likeCount</c> and <c>playCount</c> in public lists may lag by at most one second (so likes
/// and plays do not empty the list cache), while song detail and <c>likedByMe</c> are exact on the next read and
/// every other catalog edit shows in lists at once.
/// </summary>
public sealed class ListCountFreshnessTests(ListCountFreshnessFactory factory) : IClassFixture<ListCountFreshnessFactory>
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly HttpClient _anonymous = factory.Anonymous();
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();

    private async Task<(int Id, string Path)> SongInItsOwnListAsync()
    {
        var genre = Unique.Name("Genre");
        var song = await _admin.CreateSongAsync(b => b["genre"] = genre);
        return (song.Id(), $"{CatalogApi.Songs}?genre={genre}");
    }

    private async Task<JsonElement> FirstItemAsync(string path) =>
        (await (await _anonymous.GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];

    private async Task<int> CountAsync(string path, string property = "likeCount") => (await FirstItemAsync(path)).GetProperty(property).GetInt32();

    private async Task LikeAsync(int songId) =>
        (await _user.PutAsync($"{CatalogApi.Songs}/{songId}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

    [Fact]
    public async Task Like_ListReadBefore_IsServedUntilItsRefreshAge_ThenReadAgainByTheFirstRequest()
    {
        var (song, path) = await SongInItsOwnListAsync();
        (await CountAsync(path)).Should().Be(0);

        await LikeAsync(song);

        (await CountAsync(path)).Should().Be(0, "a like keeps the cached list, whose counts may lag");
        factory.Clock.Advance(CatalogListCache.CountsRefreshAfter - Tick);
        (await CountAsync(path)).Should().Be(0);
        factory.Clock.Advance(Tick);
        (await CountAsync(path)).Should().Be(1, "the first request past the refresh age reads the list again");
    }

    [Fact]
    public async Task Like_ListReadBefore_IsNeverServedOnceASecondOld()
    {
        var (song, path) = await SongInItsOwnListAsync();
        await CountAsync(path);
        await LikeAsync(song);

        factory.Clock.Advance(CatalogListCache.CountsLag);

        (await CountAsync(path)).Should().Be(1, "a list read a second before the like's change is read again");
    }

    [Fact]
    public async Task Like_SongDetail_IsExactAtOnce()
    {
        var (song, path) = await SongInItsOwnListAsync();
        await CountAsync(path);

        await LikeAsync(song);

        var detail = await (await _user.GetAsync($"{CatalogApi.Songs}/{song}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        detail.GetProperty("likeCount").GetInt32().Should().Be(1);
        detail.GetProperty("likedByMe").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Like_LagIsCountedFromTheListRead_SoItIsUnderASecondFromTheLike()
    {
        var (song, path) = await SongInItsOwnListAsync();
        await CountAsync(path);
        factory.Clock.Advance(TimeSpan.FromMilliseconds(900));

        await LikeAsync(song);
        factory.Clock.Advance(TimeSpan.FromMilliseconds(100));

        (await CountAsync(path)).Should().Be(1, "the list was read a second ago, before the like: only 100 ms after it, it is read again");
    }

    [Fact]
    public async Task NoLike_ListReadLongAgo_IsStillServedFromTheCache()
    {
        var (song, path) = await SongInItsOwnListAsync();
        await CountAsync(path);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Songs.Where(s => s.Id == song)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LikeCount, 7));

        (await CountAsync(path)).Should().Be(0, "no write went through the app, so the entry is still current: entries do not simply expire");
    }

    [Fact]
    public async Task Play_ListReadBefore_ShowsTheNewPlayCountWithinASecond()
    {
        var (song, path) = await SongInItsOwnListAsync();
        (await CountAsync(path, "playCount")).Should().Be(0);

        await _user.RecordAsync(PlayCounts.Play(song, secondsPlayed: 200));

        (await CountAsync(path, "playCount")).Should().Be(0, "a play keeps the cached list, whose counts may lag");
        factory.Clock.Advance(CatalogListCache.CountsRefreshAfter);
        (await CountAsync(path, "playCount")).Should().Be(1);
    }

    [Fact]
    public async Task Edit_AfterALike_ShowsAtOnce_WithTheNewCount()
    {
        var (song, path) = await SongInItsOwnListAsync();
        await CountAsync(path);
        await LikeAsync(song);

        var genre = path[(path.IndexOf('=') + 1)..];
        (await _admin.PutAsJsonAsync($"{CatalogApi.Songs}/{song}", CatalogApi.SongBody(b => { b["genre"] = genre; b["title"] = "Renamed"; })))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var item = await FirstItemAsync(path);
        item.Str("title").Should().Be("Renamed", "an edit is visible on the very next read");
        item.GetProperty("likeCount").GetInt32().Should().Be(1);
    }
}
