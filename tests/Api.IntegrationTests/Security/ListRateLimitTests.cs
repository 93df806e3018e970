using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The app allowing three anonymous list requests per client and minute.</summary>
public sealed class ListLimitedFactory : MusicPlayerFactory
{
    protected override int ListPermitLimit => 3;
}

/// <summary>
/// Anonymous list and search requests are limited per client address, whatever their query string
/// (random parameters or searches cannot escape it); signed-in callers are not limited by it.
/// </summary>
public sealed class ListRateLimitTests(ListLimitedFactory factory) : IClassFixture<ListLimitedFactory>
{
    [Fact]
    public async Task AnonymousLists_OverTheLimit_Return429WithRetryAfterAcrossBothListsAndAnyQuery()
    {
        var anonymous = factory.Anonymous();
        string[] paths = [CatalogApi.Songs, $"{CatalogApi.Albums}?q=x", $"{CatalogApi.Songs}?junk={Guid.NewGuid():N}"];
        foreach (var path in paths) (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);

        var limited = await anonymous.GetAsync($"{CatalogApi.Songs}?q={Guid.NewGuid():N}");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        // The first page is in the list cache now (the third read was answered from it): the limit applies before the cache.
        await (await anonymous.GetAsync(CatalogApi.Songs)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 5; i++)
            (await factory.AsUser().GetAsync(CatalogApi.Songs)).StatusCode.Should().Be(HttpStatusCode.OK, "signed-in callers are not limited here");
    }
}
