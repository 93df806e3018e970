using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MusicPlayer.Api.Observability;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, the .NET runtime) exported over OTLP to
/// <c>OpenTelemetry:Endpoint</c> (<c>OpenTelemetry:Protocol</c>: <c>grpc</c>, the default, or
/// <c>http/protobuf</c>). Unset, nothing of OpenTelemetry is registered: no providers, no exporter, no
/// connection attempts. Either way ASP.NET Core starts an <see cref="System.Diagnostics.Activity"/>
/// per request, whose trace id problem responses carry.
/// </summary>
internal static class Telemetry
{
    public const string ServiceName = "musicplayer";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration["OpenTelemetry:Endpoint"];
        if (string.IsNullOrWhiteSpace(configured)) return services;

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"OpenTelemetry:Endpoint '{configured}' is not an absolute http or https URL.");
        var protocol = configuration["OpenTelemetry:Protocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"OpenTelemetry:Protocol '{other}' is neither 'grpc' nor 'http/protobuf'."),
        };

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsEndpoint.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(protocol, endpoint);
        return services;
    }
}
