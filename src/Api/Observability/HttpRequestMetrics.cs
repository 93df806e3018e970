using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Prometheus;

namespace MusicPlayer.Api.Observability;

/// <summary>
/// The HTTP request metrics: <c>http_requests_received_total</c>, <c>http_request_duration_seconds</c> and
/// <c>http_requests_in_progress</c>, with the names, labels (<c>code</c>, <c>method</c>, <c>controller</c>,
/// <c>action</c>, <c>endpoint</c>: the route template, never the raw path) and buckets of prometheus-net's
/// <c>UseHttpMetrics</c>, which dashboards know. Measured here rather than by that middleware, which reads the
/// route data, formats the status code, looks each series up by its label values and records a trace exemplar on
/// every request (a tenth of the CPU of a cached list read): here a request costs a lookup of its endpoint's
/// series, built once. The labels are those of the endpoint routing chose, read before the rest of the pipeline
/// runs, so a problem the exception handler writes (it clears the endpoint) still counts under its route.
/// </summary>
internal sealed class HttpRequestMetrics
{
    private static readonly string[] Labels = ["code", "method", "controller", "action", "endpoint"];

    private readonly Counter _received;
    private readonly Histogram _duration;
    private readonly Gauge _inProgress;
    private readonly ConcurrentDictionary<(Endpoint? Endpoint, string Method), Route> _routes = new();

    public HttpRequestMetrics(IMetricFactory factory)
    {
        var noExemplars = new ExemplarBehavior { DefaultExemplarProvider = (_, _) => Exemplar.None };
        _received = factory.CreateCounter("http_requests_received_total", "HTTP requests answered, by status code, method and route.",
            Labels, new CounterConfiguration { ExemplarBehavior = noExemplars });
        _duration = factory.CreateHistogram("http_request_duration_seconds", "How long HTTP requests took to answer, by status code, method and route.",
            Labels, new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16), ExemplarBehavior = noExemplars });
        _inProgress = factory.CreateGauge("http_requests_in_progress", "HTTP requests being answered now, by method and route.", Labels[1..]);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var route = _routes.GetOrAdd((context.GetEndpoint(), context.Request.Method), static (key, metrics) => new Route(metrics, key.Endpoint, key.Method), this);
        route.InProgress.Inc();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            route.InProgress.Dec();
            var (received, duration) = route.Answered(context.Response.StatusCode);
            received.Inc();
            duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The series of one route and method: its in-progress gauge, and its counter and histogram by status code.</summary>
    private sealed class Route
    {
        private readonly HttpRequestMetrics _metrics;

        /// <summary>The label values, the code's left empty: an MVC action's controller and action, and the route template of any endpoint ("" when none matched).</summary>
        private readonly string[] _labels;

        private readonly ConcurrentDictionary<int, (Counter.Child Received, Histogram.Child Duration)> _byCode = new();

        public Route(HttpRequestMetrics metrics, Endpoint? endpoint, string method)
        {
            _metrics = metrics;
            var action = endpoint?.Metadata.GetMetadata<ControllerActionDescriptor>();
            _labels = ["", method, action?.ControllerName ?? "", action?.ActionName ?? "", (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? ""];
            InProgress = metrics._inProgress.WithLabels(_labels[1..]);
        }

        public Gauge.Child InProgress { get; }

        public (Counter.Child Received, Histogram.Child Duration) Answered(int code) =>
            _byCode.GetOrAdd(code, static (code, route) =>
            {
                var labels = route._labels.ToArray();
                labels[0] = code.ToString(CultureInfo.InvariantCulture);
                return (route._metrics._received.WithLabels(labels), route._metrics._duration.WithLabels(labels));
            }, this);
    }
}
