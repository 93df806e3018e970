using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>Stopping the database server affects every test of it: these run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseOutageCollection
{
    public const string Name = "Database outage";
}

/// <summary>
/// A database that goes away for a moment (SQLite locked by another writer beyond the busy timeout;
/// PostgreSQL stopped at once, in CI) is a 503 problem with Retry-After for every request that
/// needs it, logged as one warning for the whole burst and no error; once it is back, requests
/// succeed again without a restart.
/// </summary>
[Collection(DatabaseOutageCollection.Name)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private const int Requests = 6;
    private readonly LogCapturingFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task Writes_DuringAnOutage_Are503WithRetryAfterLoggedOnceAndSucceedAfterwards()
    {
        var admin = _factory.AsAdmin();
        (await admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())).StatusCode.Should().Be(HttpStatusCode.Created);

        HttpResponseMessage[] during;
        HttpResponseMessage? ready = null;
        await using (await _factory.Database.BeginOutageAsync())
        {
            during = await Task.WhenAll(Enumerable.Range(0, Requests)
                .Select(_ => admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())));
            if (!_factory.Database.IsSqlite) ready = await _factory.Anonymous().GetAsync("/health/ready");
        }

        foreach (var response in during)
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("title").GetString().Should().Be("Service temporarily unavailable");
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        }
        if (ready is not null)
        {
            await ready.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            ready.Headers.RetryAfter.Should().NotBeNull();
        }

        var after = await RetryUntilCreatedAsync(admin);
        after.Should().Be(HttpStatusCode.Created, "the app recovers by itself once the database is back");
        _factory.Logs.Where(l => l.Level >= LogLevel.Error).Should().BeEmpty("an outage is not a defect");
        _factory.Logs.Where(l => l.Category.EndsWith("TransientFailureLog")).Should().ContainSingle("a burst is reported once")
            .Which.Message.Should().Contain("Cause:");
    }

    private static async Task<HttpStatusCode> RetryUntilCreatedAsync(HttpClient admin)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = (await admin.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())).StatusCode;
            if (status == HttpStatusCode.Created || clock.Elapsed > TimeSpan.FromSeconds(20)) return status;
            await Task.Delay(200);
        }
    }
}
