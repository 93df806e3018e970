using MusicPlayer.Application.Common.Observability;
using Prometheus;

namespace MusicPlayer.Api.Observability;

/// <summary>
/// The service's own Prometheus metrics, in a registry of this host's own (not prometheus-net's
/// process-wide default), so every app instance in a process, the HTTP tests' among them, counts
/// only its own work. Implements the <see cref="IServiceMetrics"/> port for the inner layers and adds
/// what only the HTTP edge sees (the catalog list cache). Every labelled series is created up front
/// at zero, so a scrape shows it before the first event and <c>rate()</c> has a starting point.
/// </summary>
internal sealed class ServiceMetrics : IServiceMetrics
{
    private readonly Counter _logins;
    private readonly Counter _likes;
    private readonly Counter _catalogListCache;
    private readonly Histogram _databaseCommands;

    public ServiceMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        // Process metrics (CPU, memory, GC collections, threads), as prometheus-net's default registry would have them.
        DotNetStats.Register(Registry);

        _logins = Factory.CreateCounter("musicplayer_logins_total", "Logins answered, by outcome (success: tokens issued; failure: credentials refused).",
            ["outcome"]);
        _likes = Factory.CreateCounter("musicplayer_likes_total", "Likes added (like) and taken back (unlike); repeats that change nothing are not counted.",
            ["action"]);
        _catalogListCache = Factory.CreateCounter("musicplayer_catalog_list_cache_requests_total",
            "Catalog list reads answered from the in-memory list cache (hit) or by the database (miss).", ["result"]);
        _databaseCommands = Factory.CreateHistogram("musicplayer_db_command_duration_seconds",
            "Database command durations, by provider, statement kind and outcome.",
            ["provider", "operation", "outcome"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

        foreach (var outcome in Enum.GetValues<LoginOutcome>()) _logins.WithLabels(Label(outcome));
        foreach (var change in Enum.GetValues<LikeChange>()) _likes.WithLabels(Label(change));
        _catalogListCache.WithLabels("hit");
        _catalogListCache.WithLabels("miss");
    }

    /// <summary>
    /// Exports whether the in-memory search index is current (1) or searches read the database (0): it is built in the
    /// background after start-up, and rebuilt after edits it cannot have seen.
    /// </summary>
    public void Watch(MusicPlayer.Application.Features.Search.Memory.SearchMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var current = Factory.CreateGauge("musicplayer_search_memory_current",
            "1 while the in-memory search index is current and answers searches; 0 while they read the database (building, stale or disabled).");
        Registry.AddBeforeCollectCallback(() => current.Set(memory.IsCurrent ? 1 : 0));
    }

    /// <summary>Where every metric of this host lives; <c>/metrics</c> exports it.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Creates metrics in <see cref="Registry"/> (the HTTP request metrics use it).</summary>
    public IMetricFactory Factory { get; }

    public void LoginAttempted(LoginOutcome outcome) => _logins.WithLabels(Label(outcome)).Inc();

    public void LikeChanged(LikeChange change) => _likes.WithLabels(Label(change)).Inc();

    public void DatabaseCommandCompleted(string provider, DatabaseOperation operation, bool failed, TimeSpan duration) =>
        _databaseCommands.WithLabels(provider, Label(operation), failed ? "error" : "ok").Observe(duration.TotalSeconds);

    public void CatalogListCacheRead(bool hit) => _catalogListCache.WithLabels(hit ? "hit" : "miss").Inc();

    private static string Label<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
