using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;
using Prometheus;

namespace MusicPlayer.Api.Observability;

/// <summary>Who may read <c>/metrics</c> (<c>Metrics:Access</c>).</summary>
public enum MetricsAccess
{
    /// <summary>Only requests whose remote address is a loopback address; anyone else gets 404, as if there were no endpoint.</summary>
    Loopback,

    /// <summary>Requests carrying <c>Authorization: Bearer</c> with <c>Metrics:Token</c>; anyone else gets 401.</summary>
    Token,

    /// <summary>No endpoint (404); nothing is measured per request either.</summary>
    Off,
}

/// <summary>
/// The Prometheus scrape endpoint <c>GET /metrics</c> and the HTTP request metrics behind it
/// (<see cref="HttpRequestMetrics"/>: <c>http_requests_received_total</c>, <c>http_request_duration_seconds</c>,
/// <c>http_requests_in_progress</c>, labelled with the matched route template, never the raw path).
/// A request without a remote address (an in-memory test server) is not from loopback. Behind a
/// reverse proxy on the same machine every request comes from loopback unless the proxy is listed
/// in <c>ReverseProxy:KnownProxies</c>: then use <see cref="MetricsAccess.Token"/>, or configure the proxy.
/// </summary>
internal static class MetricsEndpoint
{
    public const string Path = "/metrics";
    public const int MinimumTokenLength = 16;

    // Unknown methods are answered as usual but not measured: the method label stays within this set.
    private static readonly HashSet<string> MeasuredMethods = new(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete,
        HttpMethods.Patch, HttpMethods.Options,
    };

    public static MetricsAccess AccessFrom(IConfiguration configuration)
    {
        var configured = configuration["Metrics:Access"];
        if (string.IsNullOrWhiteSpace(configured)) return MetricsAccess.Loopback;
        if (Enum.TryParse<MetricsAccess>(configured, ignoreCase: true, out var access) && Enum.IsDefined(access)
            && !int.TryParse(configured, out _))
            return access;
        throw new InvalidOperationException(
            $"Metrics:Access '{configured}' is not one of {string.Join(", ", Enum.GetNames<MetricsAccess>())}.");
    }

    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        var access = AccessFrom(configuration);
        if (access == MetricsAccess.Token && (configuration["Metrics:Token"]?.Length ?? 0) < MinimumTokenLength)
            throw new InvalidOperationException(
                $"Metrics:Access is Token, so Metrics:Token must be set to a secret of at least {MinimumTokenLength} characters.");

        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<Application.Common.Observability.IServiceMetrics>(p => p.GetRequiredService<ServiceMetrics>());
        return services;
    }

    /// <summary>Measures requests (outermost, so a problem written by the exception handler counts with its status).</summary>
    public static WebApplication UseRequestMetrics(this WebApplication app)
    {
        if (AccessFrom(app.Configuration) == MetricsAccess.Off) return app;
        app.Services.GetRequiredService<ServiceMetrics>().Watch(app.Services.GetRequiredService<Application.Features.Search.Memory.SearchMemory>());
        var metrics = new HttpRequestMetrics(app.Services.GetRequiredService<ServiceMetrics>().Factory);
        app.Use((context, next) => MeasuredMethods.Contains(context.Request.Method) ? metrics.InvokeAsync(context, next) : next(context));
        return app;
    }

    /// <summary>Answers a request for <c>/metrics</c> that the access setting refuses, before anything else runs for it.</summary>
    public static WebApplication UseMetricsAccess(this WebApplication app)
    {
        var access = AccessFrom(app.Configuration);
        if (access == MetricsAccess.Off) return app;
        var expected = access == MetricsAccess.Token ? Digest(app.Configuration["Metrics:Token"]!) : null;

        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is null) return next(context);

            if (access == MetricsAccess.Loopback && !IsLoopback(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (access == MetricsAccess.Token && !HasToken(context.Request, expected!))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        if (AccessFrom(app.Configuration) == MetricsAccess.Off) return app;
        app.MapMetrics(Path, app.Services.GetRequiredService<ServiceMetrics>().Registry)
            .WithMetadata(new Marker(), new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .ExcludeFromDescription()
            .DisableRateLimiting();
        return app;
    }

    internal static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Compares digests in constant time: neither the token's content nor its length shows in the timing.</summary>
    private static bool HasToken(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Digest(header[scheme.Length..].Trim()), expected);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Marks the metrics endpoint for <see cref="UseMetricsAccess"/>.</summary>
    private sealed class Marker;
}
