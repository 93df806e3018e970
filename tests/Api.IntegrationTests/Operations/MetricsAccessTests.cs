using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Api.Observability;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary><c>Metrics:Access</c> Loopback (the default): only a loopback remote address reads /metrics; anyone else gets 404.</summary>
public sealed class MetricsLoopbackAccessTests(MetricsFactory factory) : IClassFixture<MetricsFactory>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.53")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Loopback_IsAnswered(string address)
    {
        var response = await factory.From(address).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("musicplayer_logins_total");
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:203.0.113.7")]
    public async Task OtherAddresses_Get404(string address)
    {
        var response = await factory.From(address).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("musicplayer_");
    }

    [Fact]
    public async Task NoRemoteAddress_IsNotLoopback_Gets404()
    {
        // The in-memory test server sets no remote address: unknown is not loopback.
        var response = await factory.From(null).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("musicplayer_");
    }

    [Fact]
    public async Task ABearerToken_DoesNotOpenLoopbackMode()
    {
        var client = factory.From("203.0.113.7");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token);

        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void IsLoopback_NullIsNot()
    {
        MetricsEndpoint.IsLoopback(null).Should().BeFalse();
        MetricsEndpoint.IsLoopback(IPAddress.Loopback).Should().BeTrue();
    }
}

/// <summary>The default access over real Kestrel on a loopback port: a real loopback connection reads /metrics.</summary>
public sealed class MetricsKestrelLoopbackTests(KestrelMusicPlayerFactory factory) : IClassFixture<KestrelMusicPlayerFactory>
{
    [Fact]
    public async Task RealLoopbackConnection_IsAnswered()
    {
        var client = factory.CreateClient();
        client.BaseAddress!.IsLoopback.Should().BeTrue();

        var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().StartWith("text/plain; version=0.0.4");
    }
}

/// <summary><c>Metrics:Access</c> Token: the bearer token <c>Metrics:Token</c> reads /metrics from anywhere; without it, 401.</summary>
public sealed class MetricsTokenAccessTests(TokenMetricsFactory factory) : IClassFixture<TokenMetricsFactory>
{
    private static HttpClient WithAuthorization(HttpClient client, string? scheme, string? token)
    {
        if (scheme is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, token);
        return client;
    }

    [Theory]
    [InlineData("Bearer", MetricsFactory.Token)]
    [InlineData("bearer", MetricsFactory.Token)]
    public async Task RightToken_IsAnsweredFromAnyAddress(string scheme, string token)
    {
        var response = await WithAuthorization(factory.From("203.0.113.7"), scheme, token).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("musicplayer_logins_total");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer", "wrong-token")]
    [InlineData("Bearer", MetricsFactory.Token + "x")]
    [InlineData("Bearer", "metrics-scrape-token-012345678")]
    [InlineData("Basic", MetricsFactory.Token)]
    public async Task MissingOrWrongToken_Gets401(string? scheme, string? token)
    {
        var response = await WithAuthorization(factory.From("203.0.113.7"), scheme, token).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("musicplayer_");
    }

    [Fact]
    public async Task Loopback_WithoutToken_Gets401()
    {
        (await factory.From("127.0.0.1").GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AUserJwt_IsNotTheMetricsToken()
    {
        var response = await WithAuthorization(factory.From("127.0.0.1"), "Bearer", factory.Admin.Token()).GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary><c>Metrics:Access</c> Off: there is no endpoint.</summary>
public sealed class MetricsOffTests(OffMetricsFactory factory) : IClassFixture<OffMetricsFactory>
{
    [Fact]
    public async Task Metrics_Gets404EvenFromLoopback()
    {
        var response = await factory.From("127.0.0.1").GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("musicplayer_");
    }

    [Fact]
    public async Task TheRestOfTheApi_Works()
    {
        (await factory.Anonymous().GetAsync(CatalogApi.Songs)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

/// <summary>Settings that cannot work stop the start-up with a message, rather than serve an open or useless endpoint.</summary>
public sealed class MetricsSettingsTests
{
    private sealed class Configured(Dictionary<string, string> settings) : MusicPlayerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("Token", null, "Metrics:Token")]
    [InlineData("Token", "short", "Metrics:Token")]
    [InlineData("Public", null, "Metrics:Access 'Public'")]
    [InlineData("1", null, "Metrics:Access '1'")]
    public void UnusableSettings_StopTheStart(string access, string? token, string message)
    {
        var settings = new Dictionary<string, string> { ["Metrics:Access"] = access };
        if (token is not null) settings["Metrics:Token"] = token;
        using var factory = new Configured(settings);

        var act = () => factory.CreateClient();

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
    }
}
