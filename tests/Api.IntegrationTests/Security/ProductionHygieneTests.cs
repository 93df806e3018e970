using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The app with the OpenAPI document and Swagger UI switched off.</summary>
public sealed class NoOpenApiFactory : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OpenApi:Enabled", "false");
    }
}

/// <summary>What a production deployment needs of the HTTP edge: nothing forged echoed, nothing cacheable that should not be, nothing revealed.</summary>
public sealed class ProductionHygieneTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Fact]
    public async Task Create_WithAForgedHost_AnswersALocationWithoutIt()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, CatalogApi.Albums) { Content = JsonContent.Create(CatalogApi.AlbumBody()) };
        request.Headers.Host = "evil.example";

        var response = await factory.AsAdmin().SendAsync(request);

        var album = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be($"/api/v1/albums/{album.Id()}");
    }

    [Fact]
    public async Task TokenResponses_AreNeverStored()
    {
        var account = await factory.RegisterAsync();

        var login = await factory.Anonymous().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password });
        var tokens = await login.ShouldBeJsonAsync(HttpStatusCode.OK);
        var refresh = await factory.Anonymous().PostAsJsonAsync(AccountApi.Refresh, new { refreshToken = tokens.Str("refreshToken") });

        foreach (var response in new[] { login, refresh })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Responses_OverKestrel_CarryNoServerHeader()
    {
        await using var kestrel = new KestrelMusicPlayerFactory();
        using var client = kestrel.CreateClient();

        var response = await client.GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Server.Should().BeEmpty();
    }

    [Fact]
    public async Task OpenApiOff_HidesTheDocumentAndTheUi()
    {
        await using var hidden = new NoOpenApiFactory();

        (await hidden.Anonymous().GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hidden.Anonymous().GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.Anonymous().GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK, "it is on by default");
    }
}
