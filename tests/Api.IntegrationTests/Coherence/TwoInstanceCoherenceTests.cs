using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Coherence;

/// <summary>Two instances of the app on one PostgreSQL database, each with its caches on; nothing starts on SQLite.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public MusicPlayerFactory A { get; } = new();

    public MusicPlayerFactory B { get; }

    public TwoInstances() => B = new OnDatabaseOf(A);

    public async Task InitializeAsync()
    {
        if (TestDatabase.Provider != TestDatabase.PostgreSql) return;
        await A.InitializeAsync();
        _ = B.Services; // starts it
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }

    /// <summary>Another instance on <paramref name="first"/>'s database (its own, unused, is never created).</summary>
    private sealed class OnDatabaseOf(MusicPlayerFactory first) : MusicPlayerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Default", first.Database.ConnectionString);
        }
    }
}

/// <summary>
/// Several instances on PostgreSQL keep their caches on and coherent (README, "Running several instances"): a catalog
/// edit or a like through one shows in the other's cached lists within a second, and a role change, deletion, password
/// change or logout through one applies to the session check of the other within a second.
/// </summary>
public sealed class TwoInstanceCoherenceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private MusicPlayerFactory A => instances.A;

    private MusicPlayerFactory B => instances.B;

    private static async Task<System.Text.Json.JsonElement> FirstItemAsync(HttpClient client, string path) =>
        (await (await client.GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("items")[0];

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.GetAsync(path)).StatusCode;

    [PostgreSqlFact]
    public async Task CatalogEdit_ThroughA_ShowsInBsCachedListWithinASecond()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await HeardByBAsync(() => A.AsAdmin().CreateSongAsync(b => { b["genre"] = genre; b["title"] = "Original"; }));
        var b = B.Anonymous();
        (await FirstItemAsync(b, path)).Str("title").Should().Be("Original");

        // Behind both instances' backs: B still answers from its cache, so the cache is on.
        await SetTitleInDatabaseAsync(song.Id(), "Unseen");
        (await FirstItemAsync(b, path)).Str("title").Should().Be("Original");

        (await A.AsAdmin().PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", CatalogApi.SongBody(s => { s["genre"] = genre; s["title"] = "Renamed"; })))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => (await FirstItemAsync(b, path)).Str("title") == "Renamed",
            "an edit through A shows in B's lists within a second");
    }

    [PostgreSqlFact]
    public async Task Like_ThroughA_ShowsInBsCachedListWithinASecond()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await A.AsAdmin().CreateSongAsync(b => b["genre"] = genre);
        var b = B.Anonymous();
        (await FirstItemAsync(b, path)).GetProperty("likeCount").GetInt32().Should().Be(0);

        (await A.AsUser().PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => (await FirstItemAsync(b, path)).GetProperty("likeCount").GetInt32() == 1,
            "a like through A shows in B's lists within a second");
    }

    [PostgreSqlFact]
    public async Task PlaylistWrites_ThroughA_ShowInBsCachedPagesWithinASecond()
    {
        var admin = A.AsAdmin();
        var songs = new[] { (await admin.CreateSongAsync()).Id(), (await admin.CreateSongAsync()).Id() };
        var owner = A.AsUser();
        var playlists = B.Services.GetRequiredService<CatalogVersion>();
        var heard = playlists.Playlists;
        var id = (await owner.CreatePlaylistAsync(isPublic: true)).Id();
        await owner.AddSongsAsync(id, songs);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), () => Task.FromResult(playlists.Playlists >= heard + 2),
            "B hears of A's playlist writes within a second");
        var b = B.Anonymous();
        (await b.SongIdsAsync(id)).Should().Equal(songs);
        (await b.SongIdsAsync(id)).Should().Equal(songs);

        var last = (await owner.EntriesAsync(id))[^1].EntryId;
        (await owner.MoveAsync(id, last, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => (await b.SongIdsAsync(id)).SequenceEqual([songs[1], songs[0]]),
            "a move through A shows in B's cached page within a second");

        (await owner.PutAsJsonAsync($"{PlaylistApi.Playlists}/{id}", new { name = "Private now", isPublic = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => await StatusAsync(b, PlaylistApi.Songs(id)) == HttpStatusCode.NotFound,
            "a playlist made private through A is a 404 for others on B within a second");
    }

    [PostgreSqlFact]
    public async Task SessionCache_OnB_IsOn()
    {
        // Created through B: A would tell B of the new user a moment later, evicting what B is about to cache.
        var account = await B.CreateAccountAsync("user");
        var b = B.WithToken(account.Token());
        (await StatusAsync(b, AccountApi.Users)).Should().Be(HttpStatusCode.Forbidden);

        await using (var scope = A.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Users.Where(u => u.Id == account.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, "admin"));

        (await StatusAsync(b, AccountApi.Users)).Should().Be(HttpStatusCode.Forbidden, "B checks the session from its cache, which no write through an instance evicted");
    }

    [PostgreSqlFact]
    public async Task RoleChange_ThroughA_AppliesOnBWithinASecond()
    {
        var account = await A.CreateAccountAsync("user");
        var b = B.WithToken(account.Token());
        (await StatusAsync(b, AccountApi.Users)).Should().Be(HttpStatusCode.Forbidden);

        (await A.AsAdmin().PutAsJsonAsync($"{AccountApi.Users}/{account.Id}/role", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => await StatusAsync(b, AccountApi.Users) == HttpStatusCode.OK,
            "a role change through A applies on B within a second");
    }

    [PostgreSqlFact]
    public async Task Deletion_ThroughA_Gives401OnBWithinASecond()
    {
        var account = await A.CreateAccountAsync("user");
        // A read that does not look the user up itself (GET /users/me would fail on its own): only the session check can say 401.
        var b = B.WithToken(account.Token());
        (await StatusAsync(b, AccountApi.MyLikes)).Should().Be(HttpStatusCode.OK);

        (await A.AsAdmin().DeleteAsync($"{AccountApi.Users}/{account.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => await StatusAsync(b, AccountApi.MyLikes) == HttpStatusCode.Unauthorized,
            "a user deleted through A gets 401 on B within a second");
    }

    [PostgreSqlFact]
    public async Task PasswordChange_ThroughA_Gives401OnBWithinASecond()
    {
        var (account, tokens) = await A.SignUpAsync();
        var b = B.WithToken(tokens.AccessToken);
        (await StatusAsync(b, AccountApi.Me)).Should().Be(HttpStatusCode.OK);

        (await A.WithToken(tokens.AccessToken).PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = account.Password, newPassword = "another-horse-43" }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => await StatusAsync(b, AccountApi.Me) == HttpStatusCode.Unauthorized,
            "a token from before a password change through A gets 401 on B within a second");
    }

    [PostgreSqlFact]
    public async Task Logout_ThroughA_Gives401OnBWithinASecond()
    {
        var (_, tokens) = await A.SignUpAsync();
        var b = B.WithToken(tokens.AccessToken);
        (await StatusAsync(b, AccountApi.Me)).Should().Be(HttpStatusCode.OK);

        (await A.WithToken(tokens.AccessToken).PostAsJsonAsync(AccountApi.Logout, new { refreshToken = tokens.RefreshToken }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => await StatusAsync(b, AccountApi.Me) == HttpStatusCode.Unauthorized,
            "the access token of a login ended through A gets 401 on B within a second");
    }

    [PostgreSqlFact]
    public async Task ConnectionsLost_BInvalidatesEverything_ThenListensAgain()
    {
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";
        var song = await A.AsAdmin().CreateSongAsync(b => { b["genre"] = genre; b["title"] = "Original"; });
        var b = B.Anonymous();
        (await FirstItemAsync(b, path)).Str("title").Should().Be("Original");
        await SetTitleInDatabaseAsync(song.Id(), "Missed");

        // Both instances lose their coherence connections: what was sent meanwhile may be lost, so once B listens
        // again (it reconnects at once) it forgets everything.
        (await TerminateCoherenceConnectionsAsync()).Should().BeGreaterThanOrEqualTo(2, "each instance listens on a connection of its own");
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => (await FirstItemAsync(b, path)).Str("title") == "Missed",
            "B reconnects at once and then invalidates its caches");

        await Within.HoldsAsync(TimeSpan.FromSeconds(5), Stopwatch.GetTimestamp(), async () => await ListeningConnectionsAsync() >= 2,
            "both instances listen again");
        (await A.AsAdmin().PutAsJsonAsync($"{CatalogApi.Songs}/{song.Id()}", CatalogApi.SongBody(s => { s["genre"] = genre; s["title"] = "Renamed"; })))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), async () => (await FirstItemAsync(b, path)).Str("title") == "Renamed",
            "once listening again, B follows A's edits within a second");
    }

    /// <summary>
    /// Runs an edit through A and waits until B has heard of it (its edit version moved), so that what B caches next
    /// is not thrown away by that message arriving late.
    /// </summary>
    private async Task<T> HeardByBAsync<T>(Func<Task<T>> edit)
    {
        var version = B.Services.GetRequiredService<CatalogVersion>();
        var before = version.Edits;
        var result = await edit();
        await Within.HoldsAsync(Bound, Stopwatch.GetTimestamp(), () => Task.FromResult(version.Edits > before), "B hears of A's edits within a second");
        return result;
    }

    private const string Listeners =
        "FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'musicplayer-cache-coherence'";

    /// <summary>Ends every cache coherence connection to the test database (listening or sending); how many there were.</summary>
    private Task<int> TerminateCoherenceConnectionsAsync() => ScalarAsync($"SELECT count(pg_terminate_backend(pid))::int AS \"Value\" {Listeners}");

    /// <summary>The cache coherence connections to the test database that listen.</summary>
    private Task<int> ListeningConnectionsAsync() => ScalarAsync($"SELECT count(*)::int AS \"Value\" {Listeners} AND query LIKE 'LISTEN%'");

    private async Task<int> ScalarAsync(string sql)
    {
        await using var scope = A.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database.SqlQueryRaw<int>(sql).SingleAsync();
    }

    private async Task SetTitleInDatabaseAsync(int songId, string title)
    {
        await using var scope = A.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Songs.Where(s => s.Id == songId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, title));
    }
}
