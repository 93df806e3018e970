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
}
