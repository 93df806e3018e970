using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>Requests no endpoint answers still get problem details.</summary>
public sealed class RoutingTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/albums")]
    [InlineData("/api/v1/albums/abc/songs")]
    public async Task Get_UnknownPath_Returns404Problem(string path)
    {
        var response = await factory.AsAdmin().GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/albums/1")]
    [InlineData("DELETE", "/api/v1/albums")]
    [InlineData("POST", "/api/v1/songs/1")]
    [InlineData("GET", "/api/v1/albums/1/songs/1")]
    public async Task Send_MethodNotAllowed_Returns405Problem(string method, string path)
    {
        var response = await factory.AsAdmin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
