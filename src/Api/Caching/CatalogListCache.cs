using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Caching.Memory;
using MusicPlayer.Api.Observability;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// Caches the bytes of catalog list responses (they are the same for every caller who may read them: the public
/// lists, and an album's tracks for anyone signed in, checked here by the request's <see cref="AuthorizeAttribute"/>) and
/// answers <c>If-None-Match</c> with 304. An entry belongs to one <see cref="CatalogVersion.Edits"/>:
/// every catalog edit moves it on before its response is sent, so the next read never sees an older
/// entry. Likes and plays move only <see cref="CatalogVersion.Counts"/>. An action whose counts must be exact
/// (<see cref="CachedCatalogListAttribute.ExactCounts"/>: an album's tracks) belongs to one of those too; for the
/// public lists, an entry read before such a change is still served until it is <see cref="CountsLag"/> old (one request reads it again from
/// <see cref="CountsRefreshAfter"/> on, so the others need not wait), so the counts a list shows lag
/// by less than a second (as API.md allows) and a stream of likes costs about two reads per list and
/// second instead of one per like. It runs as middleware right after routing, authentication and the rate limiter
/// (<see cref="ResponseCaching.UseResponseCaches"/>), so a hit skips MVC altogether (action selection, filters,
/// binding, validation, the handler and the database); a miss runs MVC into a buffer and keeps a <c>200</c>.
/// With several instances on PostgreSQL, the versions follow the other instances' writes too
/// (<c>PostgresCacheCoherence</c>). Every read counts as a hit or a miss in
/// <c>musicplayer_catalog_list_cache_requests_total</c>.
/// </summary>
internal sealed class CatalogListCache(IMemoryCache cache, CatalogVersion version, TimeProvider clock, ServiceMetrics metrics) : IResponseCache
{
    public const long SizeLimitBytes = 64 * 1024 * 1024;

    /// <summary>How long an entry is served after the like and play counts moved on.</summary>
    public static readonly TimeSpan CountsLag = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From this age on, an entry whose counts moved on is read again by one request while the others are still
    /// served the entry (it is younger than <see cref="CountsLag"/>): a burst of readers does not all miss at once.
    /// </summary>
    public static readonly TimeSpan CountsRefreshAfter = CountsLag / 2;

    /// <summary>A response, with the versions read before it was computed and when that was (a timestamp of the clock).</summary>
    private sealed record Entry(long Edits, long Counts, long ReadAt, CachedResponse Response)
    {
        /// <summary>1 once a request has set out to read the entry again.</summary>
        public int Refreshing;
    }

    /// <summary>Answers a request for the list <paramref name="action"/> from the cache, or runs the rest of the pipeline (<paramref name="next"/>) and keeps its <c>200</c>.</summary>
    public async Task ServeAsync(HttpContext http, ActionDescriptor action, RequestDelegate next)
    {
        var policy = Policies.GetOrAdd(action, PolicyOf);
        // A caller the request's rule does not admit goes on to the handler, which answers 401 or 403.
        if (policy.Rule is { } rule && !rule.Admits(http.RequestServices.GetRequiredService<ICurrentUser>())
            || ListCacheKey.For(http, action) is not { } key)
        {
            await next(http);
            return;
        }
        // Read before the query runs: a change landing meanwhile leaves the new entry already stale.
        var edits = version.Edits;
        var counts = version.Counts;
        var now = clock.GetTimestamp();

        if (cache.TryGetValue(key, out Entry? entry) && entry!.Edits == edits && Serves(entry, counts, now, policy.ExactCounts))
        {
            metrics.CatalogListCacheRead(hit: true);
            await entry.Response.WriteAsync(http, policy.CacheControl);
            return;
        }

        metrics.CatalogListCacheRead(hit: false);

        if (await CachedResponse.CaptureAsync(http, next) is not { } response) return;
        // Counts from a copy read earlier (the in-memory search index): the entry is as old, and of their version.
        entry = http.RequestServices.GetRequiredService<ResponseCounts>().Copy is { } copy
            ? new Entry(edits, Math.Min(counts, copy.Version), Math.Min(now, copy.ReadAt), response)
            : new Entry(edits, counts, now, response);
        cache.Set(key, entry, new MemoryCacheEntryOptions { Size = response.Body.Length + key.Length });
        await response.WriteAsync(http, policy.CacheControl);
    }

    /// <summary>
    /// How an action's responses are kept: who may send its request (<see cref="AuthorizeAttribute"/>; a response
    /// to a signed-in caller is for clients' own caches only, never a shared one) and whether its counts are exact.
    /// </summary>
    private sealed record Policy(AuthorizeAttribute? Rule, bool ExactCounts)
    {
        public string CacheControl => Rule is null ? "no-cache" : "private, no-cache";
    }

    /// <summary>Each action's <see cref="Policy"/>, read once per action.</summary>
    private static readonly ConcurrentDictionary<ActionDescriptor, Policy> Policies = new();

    private static Policy PolicyOf(ActionDescriptor action) => new(
        action.EndpointMetadata.OfType<ISendsRequest>().Single().RequestType.GetCustomAttribute<AuthorizeAttribute>(),
        action.EndpointMetadata.OfType<CachedCatalogListAttribute>().Single().ExactCounts);

    /// <summary>Whether a request is answered from <paramref name="entry"/> (of the current edits) rather than by reading it again.</summary>
    private bool Serves(Entry entry, long counts, long now, bool exactCounts)
    {
        if (entry.Counts == counts) return true;
        if (exactCounts) return false;
        var age = clock.GetElapsedTime(entry.ReadAt, now);
        if (age >= CountsLag) return false;
        // The first request past the refresh age reads it again; the others are served until then, or until the lag is up.
        return age < CountsRefreshAfter || Interlocked.Exchange(ref entry.Refreshing, 1) == 1;
    }
}

/// <summary>Puts an action's responses in the <see cref="CatalogListCache"/> when caching is on.</summary>
internal sealed class CachedCatalogListAttribute : CachedByAttribute<CatalogListCache>
{
    /// <summary>Whether the like and play counts in its responses are exact on the next read, rather than lagging by up to <see cref="CatalogListCache.CountsLag"/>.</summary>
    public bool ExactCounts { get; init; }
}
