using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// The app with <c>Metrics:Access</c> set (null leaves the default, Loopback) and a remote address
/// taken from the test header <see cref="RemoteAddressHeader"/>: the in-memory test server has no
/// remote address at all, which the app treats as not loopback.
/// </summary>
public class MetricsFactory : MusicPlayerFactory
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    public const string Token = "metrics-scrape-token-0123456789";

    protected virtual string? Access => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Access is not null) builder.UseSetting("Metrics:Access", Access);
        if (Access == "Token") builder.UseSetting("Metrics:Token", Token);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFromHeader()));
    }

    /// <summary>A client whose requests come from <paramref name="remoteAddress"/> (null: no address, as in-memory).</summary>
    public HttpClient From(string? remoteAddress)
    {
        var client = CreateClient();
        if (remoteAddress is not null) client.DefaultRequestHeaders.Add(RemoteAddressHeader, remoteAddress);
        return client;
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class TokenMetricsFactory : MetricsFactory
{
    protected override string Access => "Token";
}

public sealed class OffMetricsFactory : MetricsFactory
{
    protected override string Access => "Off";
}
