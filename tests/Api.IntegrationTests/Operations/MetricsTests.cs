using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>
/// <c>GET /metrics</c> answers in the Prometheus text format with request, database, cache, like and
/// login metrics, all labelled from small fixed sets. This class's factory is its own, so the counts
/// it reads move only by what its tests do (tests of one class run one at a time).
/// </summary>
public sealed class MetricsTests(MetricsFactory factory) : IClassFixture<MetricsFactory>
{
    private readonly HttpClient _anonymous = factory.Anonymous();

    private async Task<PrometheusText> ScrapeAsync()
    {
        var response = await factory.From("127.0.0.1").GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Scrapes until <paramref name="done"/> holds (at most 10 s): the test server hands a response over
    /// before the middleware that measured it has returned, so a request's own sample may land a moment later.
    /// </summary>
    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var metrics = await ScrapeAsync();
        while (!done(metrics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            metrics = await ScrapeAsync();
        }

        return metrics;
    }

    [Fact]
    public async Task Scrape_AnswersInThePrometheusTextFormat()
    {
        await _anonymous.GetAsync(CatalogApi.Songs);

        var response = await factory.From("127.0.0.1").GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
        var metrics = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        metrics.TypeOf("http_request_duration_seconds").Should().Be("histogram");
        metrics.TypeOf("http_requests_received_total").Should().Be("counter");
        metrics.TypeOf("musicplayer_db_command_duration_seconds").Should().Be("histogram");
        metrics.TypeOf("musicplayer_logins_total").Should().Be("counter");
        metrics.TypeOf("musicplayer_likes_total").Should().Be("counter");
        metrics.TypeOf("musicplayer_catalog_list_cache_requests_total").Should().Be("counter");
        metrics.Samples.Should().Contain(s => s.Name == "process_cpu_seconds_total", "the process metrics are there too");
    }

    [Fact]
    public async Task RequestHistogram_IsLabelledWithTheRouteTemplate_NeverTheRawPath()
    {
        var song = await factory.AsAdmin().CreateSongAsync();
        var path = $"{CatalogApi.Songs}/{song.Id()}";
        var user = factory.AsUser();
        (await user.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await user.GetAsync($"{CatalogApi.Songs}/987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var metrics = await ScrapeUntilAsync(m => m.Find("http_request_duration_seconds_count", ("endpoint", "api/v1/songs/{id:int}")).Count() >= 2);

        metrics.Sum("http_request_duration_seconds_count",
                ("endpoint", "api/v1/songs/{id:int}"), ("method", "GET"), ("code", "200"))
            .Should().BeGreaterThanOrEqualTo(1);
        metrics.Sum("http_request_duration_seconds_count",
                ("endpoint", "api/v1/songs/{id:int}"), ("method", "GET"), ("code", "404"))
            .Should().BeGreaterThanOrEqualTo(1, "a problem written by the exception handler keeps its route label");
        metrics.Find("http_request_duration_seconds_bucket", ("endpoint", "api/v1/songs/{id:int}"), ("le", "+Inf"))
            .Should().NotBeEmpty("the latency is a histogram with buckets");
        metrics.Samples.SelectMany(s => s.Labels.Values)
            .Should().NotContain(v => v.Contains("/api/v1/songs/") || v.Contains("987654"), "a raw path would make a series per song");
    }

    [Fact]
    public async Task RequestMetrics_KeepTheSeriesDashboardsKnow_LabelsBucketsAndInProgress()
    {
        (await _anonymous.GetAsync("/no/such/route")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync(CatalogApi.Songs)).StatusCode.Should().Be(HttpStatusCode.OK);

        var metrics = await ScrapeUntilAsync(m => m.Find("http_requests_received_total", ("code", "404"), ("endpoint", "")).Any()
                                                 && m.Find("http_requests_received_total", ("endpoint", "api/v1/songs")).Any());

        var list = metrics.Find("http_requests_received_total", ("endpoint", "api/v1/songs"), ("method", "GET"), ("code", "200")).Single();
        list.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["code"] = "200", ["method"] = "GET", ["controller"] = "Songs", ["action"] = "List", ["endpoint"] = "api/v1/songs",
        });
        metrics.Find("http_requests_received_total", ("code", "404"), ("controller", ""), ("action", ""), ("endpoint", ""))
            .Should().ContainSingle("a path no route matched counts with empty route labels");
        metrics.Find("http_request_duration_seconds_bucket", ("endpoint", "api/v1/songs"), ("method", "GET"), ("code", "200")).Select(s => s.Labels["le"])
            .Should().Equal("0.001", "0.002", "0.004", "0.008", "0.016", "0.032", "0.064", "0.128", "0.256", "0.512", "1.024",
                "2.048", "4.096", "8.192", "16.384", "32.768", "+Inf");
        metrics.TypeOf("http_requests_in_progress").Should().Be("gauge");
        metrics.Find("http_requests_in_progress", ("endpoint", "api/v1/songs"), ("method", "GET")).Single().Labels.Keys
            .Should().BeEquivalentTo(["method", "controller", "action", "endpoint"]);
        metrics.Sum("http_requests_in_progress", ("endpoint", "api/v1/songs"), ("method", "GET")).Should().Be(0, "the list request has been answered");
    }

    [Fact]
    public async Task RequestsWithAnUnknownMethod_AreAnsweredButNotMeasured()
    {
        var brew = await _anonymous.SendAsync(new HttpRequestMessage(new HttpMethod("BREW"), CatalogApi.Songs));
        brew.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        var patch = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Patch, CatalogApi.Songs));
        patch.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);

        var metrics = await ScrapeUntilAsync(m => m.Find("http_requests_received_total", ("method", "PATCH")).Any());

        metrics.Find("http_requests_received_total", ("method", "PATCH"), ("code", "405")).Should().NotBeEmpty("known methods are measured");
        metrics.Find("http_requests_received_total", ("method", "BREW")).Should().BeEmpty("any client could mint a new series per method name");
    }

    [Fact]
    public async Task DatabaseCommandHistogram_CountsTheQueriesOfARequest()
    {
        var before = await ScrapeAsync();
        var provider = factory.Database.ProviderName;

        (await _anonymous.GetAsync($"{CatalogApi.Songs}?pageSize=3")).StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await ScrapeAsync();

        var select = new[] { ("provider", provider), ("operation", "select"), ("outcome", "ok") };
        after.Sum("musicplayer_db_command_duration_seconds_count", select)
            .Should().BeGreaterThan(before.Sum("musicplayer_db_command_duration_seconds_count", select));
        after.Sum("musicplayer_db_command_duration_seconds_sum", select).Should().BeGreaterThan(0);
        after.Find("musicplayer_db_command_duration_seconds_bucket", ("le", "+Inf")).Should().NotBeEmpty();
        after.Samples.Where(s => s.Name.StartsWith("musicplayer_db_command", StringComparison.Ordinal))
            .Select(s => s.Labels["operation"]).Distinct()
            .Should().BeSubsetOf(["select", "insert", "update", "delete", "other"]);
    }

    [Fact]
    public async Task CatalogListCache_ReadTwice_CountsOneMissThenOneHit()
    {
        var path = $"{CatalogApi.Albums}?pageSize=7";
        var before = await ScrapeAsync();

        (await _anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        var afterFirst = await ScrapeAsync();
        (await _anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        var afterSecond = await ScrapeAsync();

        const string name = "musicplayer_catalog_list_cache_requests_total";
        (afterFirst.Sum(name, ("result", "miss")) - before.Sum(name, ("result", "miss"))).Should().Be(1);
        (afterFirst.Sum(name, ("result", "hit")) - before.Sum(name, ("result", "hit"))).Should().Be(0);
        (afterSecond.Sum(name, ("result", "hit")) - afterFirst.Sum(name, ("result", "hit"))).Should().Be(1);
        (afterSecond.Sum(name, ("result", "miss")) - afterFirst.Sum(name, ("result", "miss"))).Should().Be(0);
    }

    [Fact]
    public async Task Likes_LikeAndUnlike_AreCountedOnceEach()
    {
        var song = await factory.AsAdmin().CreateSongAsync();
        var user = factory.AsUser();
        var before = await ScrapeAsync();

        (await user.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).IsSuccessStatusCode.Should().BeTrue();
        (await user.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).IsSuccessStatusCode.Should().BeTrue();
        var afterLike = await ScrapeAsync();
        (await user.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}/like")).IsSuccessStatusCode.Should().BeTrue();
        var afterUnlike = await ScrapeAsync();

        const string name = "musicplayer_likes_total";
        (afterLike.Sum(name, ("action", "like")) - before.Sum(name, ("action", "like"))).Should().Be(1, "liking twice adds one like");
        (afterLike.Sum(name, ("action", "unlike")) - before.Sum(name, ("action", "unlike"))).Should().Be(0);
        (afterUnlike.Sum(name, ("action", "unlike")) - afterLike.Sum(name, ("action", "unlike"))).Should().Be(1);
    }

    [Fact]
    public async Task Logins_AGoodAndABadLogin_CountOneSuccessAndOneFailure()
    {
        var account = await factory.RegisterAsync();
        var before = await ScrapeAsync();

        await factory.LoginAsync(account);
        var afterGood = await ScrapeAsync();
        var bad = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = "wrong-password-1" });
        bad.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var afterBad = await ScrapeAsync();

        const string name = "musicplayer_logins_total";
        (afterGood.Sum(name, ("outcome", "success")) - before.Sum(name, ("outcome", "success"))).Should().Be(1);
        (afterGood.Sum(name, ("outcome", "failure")) - before.Sum(name, ("outcome", "failure"))).Should().Be(0);
        (afterBad.Sum(name, ("outcome", "failure")) - afterGood.Sum(name, ("outcome", "failure"))).Should().Be(1);
        (afterBad.Sum(name, ("outcome", "success")) - afterGood.Sum(name, ("outcome", "success"))).Should().Be(0);
    }

    [Fact]
    public async Task Metrics_IsNotInTheOpenApiDocument()
    {
        var document = await (await _anonymous.GetAsync("/openapi/v1.json")).ShouldBeJsonAsync(HttpStatusCode.OK);

        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().NotContain(p => p.Contains("metrics"));
    }

    [Fact]
    public async Task Metrics_OtherMethods_Return405()
    {
        var response = await factory.From("127.0.0.1").PostAsync("/metrics", null);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task SearchMemoryCurrent_OneOnceBuilt_ZeroWhenStale()
    {
        async Task<string> ScrapeAsync() => await (await factory.From("127.0.0.1").GetAsync("/metrics")).Content.ReadAsStringAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await ScrapeAsync()).Contains("\nmusicplayer_search_memory_current 1", StringComparison.Ordinal))
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the index is built in the background after start-up");
            await factory.From("127.0.0.1").GetAsync("/api/v1/search?q=a");
            await Task.Delay(20);
        }

        factory.Services.GetRequiredService<MusicPlayer.Application.Features.Search.Memory.SearchMemory>().Invalidate();

        (await ScrapeAsync()).Should().Contain("\nmusicplayer_search_memory_current 0");
    }
}
