using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>Without <c>OpenTelemetry:Endpoint</c> nothing of OpenTelemetry is registered; problem responses still carry the trace id.</summary>
public sealed class TelemetryOffTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Fact]
    public void NoEndpoint_RegistersNoProviderAndSoNoExporter()
    {
        factory.Services.GetService<TracerProvider>().Should().BeNull();
        factory.Services.GetService<MeterProvider>().Should().BeNull();
    }

    [Fact]
    public async Task Problem_CarriesTheTraceIdOfTheIncomingTraceparent()
    {
        await TelemetryOnTests.ProblemShouldCarryTheCallersTraceIdAsync(factory);
    }
}

/// <summary>
/// With <c>OpenTelemetry:Endpoint</c> set (here to a fake OTLP/HTTP receiver on loopback, no collector),
/// traces and metrics providers are registered and spans are exported to that endpoint.
/// </summary>
public sealed class TelemetryOnTests(TelemetryOnTests.Factory factory) : IClassFixture<TelemetryOnTests.Factory>
{
    public sealed class Factory : MusicPlayerFactory
    {
        public FakeOtlpReceiver Receiver { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OpenTelemetry:Endpoint", Receiver.Endpoint.ToString());
            builder.UseSetting("OpenTelemetry:Protocol", "http/protobuf");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Receiver.Dispose();
        }
    }

    [Fact]
    public void Endpoint_RegistersTracerAndMeterProviders()
    {
        factory.Services.GetService<TracerProvider>().Should().NotBeNull();
        factory.Services.GetService<MeterProvider>().Should().NotBeNull();
    }

    [Fact]
    public async Task Spans_AreExportedOverOtlpToTheEndpoint()
    {
        (await factory.Anonymous().GetAsync(CatalogApi.Songs)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The test server hands the response over before the request's span ends: flush until it has gone.
        var tracer = factory.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!factory.Receiver.RequestLines.Contains("POST /v1/traces HTTP/1.1") && DateTime.UtcNow < deadline)
        {
            (await Task.Run(() => tracer.ForceFlush(5_000))).Should().BeTrue();
            await Task.Delay(50);
        }

        factory.Receiver.RequestLines.Should().Contain("POST /v1/traces HTTP/1.1");
    }

    [Fact]
    public async Task Problem_CarriesTheTraceIdOfTheIncomingTraceparent()
    {
        await ProblemShouldCarryTheCallersTraceIdAsync(factory);
    }

    internal static async Task ProblemShouldCarryTheCallersTraceIdAsync(MusicPlayerFactory factory)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Get, $"{CatalogApi.Songs}/987654");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await factory.AsUser().SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("traceId").GetString().Should().Be(traceId);
    }
}

/// <summary>Answers every HTTP request with 200 and keeps its request line: enough of an OTLP/HTTP endpoint to see what is sent.</summary>
public sealed class FakeOtlpReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    public FakeOtlpReceiver()
    {
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = Task.Run(AcceptAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<string> RequestLines { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, _stop.Token) == 1)
                    head.Append((char)buffer[0]);
                var lines = head.ToString().Split("\r\n");
                RequestLines.Enqueue(lines[0]);
                var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, _stop.Token);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Idempotent: xunit disposes a class fixture both asynchronously and synchronously.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>OpenTelemetry settings that cannot work stop the start-up with a message.</summary>
public sealed class TelemetrySettingsTests
{
    private sealed class Configured(string endpoint, string? protocol) : MusicPlayerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OpenTelemetry:Endpoint", endpoint);
            if (protocol is not null) builder.UseSetting("OpenTelemetry:Protocol", protocol);
        }
    }

    [Theory]
    [InlineData("collector:4317", null, "OpenTelemetry:Endpoint")]
    [InlineData("ftp://collector:4317", null, "OpenTelemetry:Endpoint")]
    [InlineData("http://127.0.0.1:4318", "json", "OpenTelemetry:Protocol")]
    public void UnusableSettings_StopTheStart(string endpoint, string? protocol, string message)
    {
        using var factory = new Configured(endpoint, protocol);

        var act = () => factory.CreateClient();

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
    }
}
