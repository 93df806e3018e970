using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Operations;

public sealed class HealthTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Fact]
    public async Task Live_Running_Returns200()
    {
        var response = await factory.Anonymous().GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_DatabaseAnswers_Returns200()
    {
        var response = await factory.Anonymous().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_DatabaseGone_Returns503WhileLiveStays200()
    {
        await using var broken = new MusicPlayerFactory();
        await broken.InitializeAsync();
        var client = broken.Anonymous();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The SQLite file becomes a directory, or the PostgreSQL database is dropped.
        broken.Database.Break();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        var problem = await ready.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("title").GetString().Should().Be("Not ready");
        ready.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
