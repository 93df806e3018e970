using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>The 1 MiB body limit on a real Kestrel server, with a declared length and with a chunked body.</summary>
public sealed class KestrelBodyLimitTests(KestrelMusicPlayerFactory factory) : IClassFixture<KestrelMusicPlayerFactory>
{
    private const int OneMiB = 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateSong_BodyOverOneMiBOnKestrel_Returns413(bool declareLength)
    {
        var admin = factory.AsAdmin();
        admin.BaseAddress!.Host.Should().Be("127.0.0.1", "this runs over a real socket");

        var response = await admin.PostAsync(CatalogApi.Songs, RequestBodyTests.PaddedBody(CatalogApi.Songs, OneMiB + 1, declareLength));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task CreateSong_ChunkedBodyOfOneMiBOnKestrel_IsReadAndValidated()
    {
        var response = await factory.AsAdmin().PostAsync(CatalogApi.Songs, RequestBodyTests.PaddedBody(CatalogApi.Songs, OneMiB, declareLength: false));

        await response.ShouldBeValidationProblemAsync("description");
    }
}
