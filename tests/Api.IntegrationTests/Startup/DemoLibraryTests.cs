using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Startup;

/// <summary>The app with <c>DemoLibrary:Seed</c> on, as appsettings.Development.json has it.</summary>
public sealed class DemoLibraryFactory : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(DemoLibrary.Setting, "true");
    }
}

/// <summary>A fresh database has something to browse when the demo library is switched on, and only then, and only once.</summary>
public sealed class DemoLibraryTests(DemoLibraryFactory factory) : IClassFixture<DemoLibraryFactory>
{
    [Fact]
    public async Task Startup_WithDemoLibraryOnAnEmptyCatalog_ServesBrowsableAlbumsWithTracks()
    {
        var albums = await factory.Anonymous().GetFromJsonAsync<JsonElement>($"{CatalogApi.Albums}?sort=title");
        var songs = await factory.Anonymous().GetFromJsonAsync<JsonElement>(CatalogApi.Songs);

        albums.GetProperty("items").EnumerateArray().Select(a => a.Str("title"))
            .Should().Equal("Goldberg Variations", "Gymnopédies", "Nocturnes, Op. 9", "The Four Seasons");
        songs.GetProperty("totalCount").GetInt32().Should().Be(14);
        var nocturnes = albums.GetProperty("items").EnumerateArray().Single(a => a.Str("title") == "Nocturnes, Op. 9").Id();
        var tracks = await factory.AsUser().GetFromJsonAsync<JsonElement>($"{CatalogApi.Albums}/{nocturnes}/songs");
        tracks.EnumerateArray().Select(t => t.GetProperty("trackNumber").GetInt32()).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Seed_WhenTheCatalogHasAnything_AddsNothing()
    {
        var before = await factory.Anonymous().GetFromJsonAsync<JsonElement>(CatalogApi.Songs);

        var seeded = await factory.Services.SeedIfEmptyAsync(DateTime.UtcNow);

        seeded.Should().BeFalse();
        var after = await factory.Anonymous().GetFromJsonAsync<JsonElement>(CatalogApi.Songs);
        after.GetProperty("totalCount").GetInt32().Should().Be(before.GetProperty("totalCount").GetInt32());
    }
}

/// <summary>Without the setting (every environment but Development by default) the catalog starts empty.</summary>
public sealed class NoDemoLibraryTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Fact]
    public async Task Startup_WithoutTheSetting_LeavesTheCatalogEmpty()
    {
        var albums = await factory.Anonymous().GetFromJsonAsync<JsonElement>(CatalogApi.Albums);

        albums.GetProperty("totalCount").GetInt32().Should().Be(0);
    }
}
