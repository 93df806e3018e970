using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Startup;

/// <summary>What the app demands of its configuration before it serves anything.</summary>
public sealed class StartupTests
{
    private sealed class ConfiguredFactory(string environment, string? signingKey) : MusicPlayerFactory
    {
        protected override string Environment => environment;

        protected override string? SigningKey => signingKey;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }

    private static IReadOnlyList<FileConfigurationProvider> ConfigurationFiles(IConfiguration configuration) =>
        ((IConfigurationRoot)configuration).Providers.OfType<FileConfigurationProvider>().ToList();

    [Fact]
    public async Task Start_ReadsItsConfigurationFilesWithoutWatchingThem()
    {
        await using var factory = new MusicPlayerFactory();

        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var files = ConfigurationFiles(factory.Services.GetRequiredService<IConfiguration>());
        files.Should().NotBeEmpty("appsettings.json is read");
        files.Should().OnlyContain(f => !f.Source.ReloadOnChange, "watching the content root's tree costs start-up time");
    }

    [Fact]
    public void BuilderArgs_ReloadAskedForOnTheCommandLine_WatchesTheFiles()
    {
        var builder = WebApplication.CreateBuilder(Hosting.BuilderArgs(["--hostBuilder:reloadConfigOnChange=true"]));

        ConfigurationFiles(builder.Configuration).Should().NotBeEmpty().And.OnlyContain(f => f.Source.ReloadOnChange);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData(MusicPlayerFactory.TestEnvironment)]
    public async Task Start_OutsideDevelopmentWithoutSigningKey_Throws(string environment)
    {
        await using var factory = new ConfiguredFactory(environment, signingKey: null);

        var start = () => factory.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        Flatten(thrown).Should().Contain(e => e.Message.Contains("Jwt:SigningKey"));
    }

    [Fact]
    public async Task Start_ProductionWithShortSigningKey_Throws()
    {
        await using var factory = new ConfiguredFactory("Production", signingKey: new string('k', 31));

        var start = () => factory.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        Flatten(thrown).Should().Contain(e => e.Message.Contains("at least 32 bytes"));
    }

    [Fact]
    public async Task Start_ProductionWithSigningKey_ServesRequests()
    {
        await using var factory = new ConfiguredFactory("Production", TestTokens.SigningKey);

        var response = await factory.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        if (factory.Database.IsSqlite) File.Exists(factory.Database.Name).Should().BeTrue("the schema is created in the configured file at start-up");
    }

    [Fact]
    public async Task Start_DevelopmentWithoutConfiguredKey_UsesTheDevelopmentKey()
    {
        await using var factory = new ConfiguredFactory("Development", signingKey: null);

        var response = await factory.CreateClient().GetAsync("/api/v1/albums");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData(MusicPlayerFactory.TestEnvironment)]
    public async Task Start_OutsideDevelopmentWithTheDevelopmentKey_Throws(string environment)
    {
        await using var factory = new ConfiguredFactory(environment, JwtOptions.DevelopmentSigningKey);

        var start = () => factory.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        Flatten(thrown).Should().Contain(e => e.Message.Contains("development key"));
    }

    [Fact]
    public void DevelopmentKey_IsTheOneAppSettingsDevelopmentCarries()
    {
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceTree.Api, "appsettings.Development.json")));

        settings.RootElement.GetProperty("Jwt").GetProperty("SigningKey").GetString().Should().Be(JwtOptions.DevelopmentSigningKey);
    }

    [Fact]
    public void BuildOutput_HoldsNoDevelopmentSettings()
    {
        File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Should().BeTrue("the ordinary settings are copied beside the app");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Should().BeFalse(
            "the development signing key and admin password must not travel with a build");
    }
}
