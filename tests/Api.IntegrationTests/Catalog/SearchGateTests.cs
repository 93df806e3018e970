using System.Net;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>The app with no search slot at all and a short queue, so every uncached search is turned away.</summary>
public sealed class NoSearchSlotFactory : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Caching:MaxConcurrentSearches", "0");
        builder.UseSetting("Caching:SearchQueueTimeoutMs", "50");
    }
}

/// <summary>Uncached searches beyond the bound wait briefly, then get a 503 with Retry-After; plain lists never wait for a slot.</summary>
public sealed class SearchGateTests(NoSearchSlotFactory factory) : IClassFixture<NoSearchSlotFactory>
{
    [Theory]
    [InlineData(CatalogApi.Songs)]
    [InlineData(CatalogApi.Albums)]
    public async Task Search_WithoutAFreeSlot_Is503WithRetryAfter(string list)
    {
        var response = await factory.Anonymous().GetAsync($"{list}?q={Guid.NewGuid():N}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString().Should().Contain("searches");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task List_WithoutASearch_NeedsNoSlot()
    {
        (await factory.Anonymous().GetAsync($"{CatalogApi.Songs}?genre=Jazz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
