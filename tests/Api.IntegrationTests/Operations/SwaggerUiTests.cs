using System.Net;
using System.Text.RegularExpressions;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>/swagger: Swagger UI over /openapi/v1.json, with its assets served by the app itself (no CDN).</summary>
public sealed partial class SwaggerUiTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [GeneratedRegex("""(?:src|href)\s*=\s*["']([^"']+)["']""")]
    private static partial Regex AssetReference();

    private async Task<(Uri Page, string Html)> IndexAsync()
    {
        var response = await factory.Anonymous().GetAsync("/swagger");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        return (response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Swagger_Get_ServesSwaggerUiHtml()
    {
        var (_, html) = await IndexAsync();

        html.Should().Contain("<div id=\"swagger-ui\">");
        html.Should().Contain("swagger-ui-bundle.js");
    }

    [Fact]
    public async Task Swagger_Assets_AreServedLocally()
    {
        var (page, html) = await IndexAsync();
        var references = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        references.Should().Contain(r => r.EndsWith(".js")).And.Contain(r => r.EndsWith(".css"));

        foreach (var reference in references)
        {
            reference.Should().NotMatchRegex("^(?:[a-z]+:)?//", "assets come from the app itself, not a CDN");
            var response = await factory.Anonymous().GetAsync(new Uri(page, reference));
            response.StatusCode.Should().Be(HttpStatusCode.OK, reference);
            (await response.Content.ReadAsByteArrayAsync()).Should().NotBeEmpty(reference);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (reference.EndsWith(".js")) mediaType.Should().BeOneOf(["text/javascript", "application/javascript"], reference);
            if (reference.EndsWith(".css")) mediaType.Should().Be("text/css", reference);
        }
    }

    [Fact]
    public async Task Swagger_Initializer_PointsAtTheOpenApiDocument()
    {
        var (page, html) = await IndexAsync();
        var scripts = AssetReference().Matches(html).Select(m => m.Groups[1].Value).Where(r => r.EndsWith(".js"));
        var sources = new List<string>();
        foreach (var script in scripts) sources.Add(await factory.Anonymous().GetStringAsync(new Uri(page, script)));

        sources.Should().Contain(s => s.Contains("/openapi/v1.json"));
        string.Join("\n", sources).Should().NotContainAny("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com");
    }
}
