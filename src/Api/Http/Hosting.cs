using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MusicPlayer.Api.Http;

/// <summary>
/// What running behind a reverse proxy, for browsers on other origins, and under an orchestrator
/// needs: forwarded headers from known proxies only, CORS from configuration, security headers,
/// no <c>Server</c> header, <c>Location</c> headers that never repeat the request's (forgeable)
/// <c>Host</c>, and a bounded graceful shutdown.
/// </summary>
internal static class Hosting
{
    private const string CorsPolicy = "configured-origins";

    /// <summary>
    /// The builder's arguments, preceded by the service's defaults for settings that must be known before the
    /// configuration is read. Configuration files are read once at start-up: the framework's default watches the
    /// whole content root, every directory under it, for changes to them, which costs start-up time in proportion
    /// to the tree (a checkout with its build output: tens to hundreds of milliseconds), while the service reads
    /// its settings when it starts (only log levels would follow a change). A later
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> on the command line wins.
    /// </summary>
    public static string[] BuilderArgs(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Host.ConfigureHostOptions(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Shutdown:TimeoutSeconds", 30)));

        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = configuration.GetValue("ReverseProxy:ForwardLimit", 1);
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .WithMethods("GET", "POST", "PUT", "DELETE")
            // Content-Range, Accept-Ranges and ETag: for script players that read a stream in ranges (an <audio> element needs no CORS).
            .WithExposedHeaders("Location", "Retry-After", "WWW-Authenticate", "Content-Range", "Accept-Ranges", "ETag")));
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        // Without configured proxies this trusts nobody: X-Forwarded-* from anyone else is ignored.
        if (app.Configuration.GetSection("ReverseProxy:KnownProxies").Exists()
            || app.Configuration.GetSection("ReverseProxy:KnownNetworks").Exists())
            app.UseForwardedHeaders();

        // Every log entry of a request carries the client's address (after forwarded headers from known proxies),
        // so that security events say where they came from.
        app.Use(async (context, next) =>
        {
            using (app.Logger.BeginScope(new Dictionary<string, object?> { ["ClientAddress"] = context.Connection.RemoteIpAddress?.ToString() }))
                await next(context);
        });

        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            context.Response.OnStarting(RelativeLocation, context);
            // The API serves JSON only; Swagger UI needs its own scripts and styles.
            if (!context.Request.Path.StartsWithSegments("/swagger"))
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return next(context);
        });
        app.UseCors(CorsPolicy);
        return app;
    }

    /// <summary>
    /// Turns an absolute <c>Location</c> on this service (as CreatedAtAction builds it from the request's
    /// Host header) into a path, which RFC 9110 allows: a forged Host can then never be echoed to a
    /// client or a cache, whatever <c>AllowedHosts</c> says. A Location elsewhere (a presigned URL of the
    /// object store a stream redirects to) stays as it is.
    /// </summary>
    private static Task RelativeLocation(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        if (Uri.TryCreate(headers.Location.ToString(), UriKind.Absolute, out var location)
            && string.Equals(location.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
            headers.Location = location.PathAndQuery;
        return Task.CompletedTask;
    }
}
