using System.Globalization;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Caching.Memory;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Playlists;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// Caches the bytes of pages of manual playlists' songs, with the playlist's owner and visibility, and answers
/// <c>If-None-Match</c> with 304. A hit costs no binding, no handler and no database: the access check runs on the
/// owner and visibility kept with the bytes (someone else's private playlist is not served from here, and the
/// handler answers it with the 404). An entry belongs to the <see cref="CatalogVersion.Playlists"/> and
/// <see cref="CatalogVersion.Edits"/> read before it was computed: every playlist write moves the first, and the
/// catalog edits that reach into playlists (songs deleted or changed, users deleted) the second, before their
/// responses are sent, so the next read never sees an older page; the songs' like and play counts are exact too
/// (<see cref="CatalogVersion.Counts"/>: a like is seen on the next read, as the pages always showed). Smart
/// playlists are not kept here (their songs are evaluated, <see cref="SmartPlaylistResults"/>). With several
/// instances on PostgreSQL, the versions follow the other instances' writes (<c>PostgresCacheCoherence</c>).
/// </summary>
internal sealed class PlaylistPageCache(IMemoryCache cache, CatalogVersion version, PlaylistStates states) : IResponseCache
{
    /// <summary>A page of a playlist as read at these versions, and the playlist's access rule at them.</summary>
    private sealed record Entry(long Playlists, long Edits, long Counts, int OwnerId, bool IsPublic, CachedResponse Response) : IOwned;

    public async Task ServeAsync(HttpContext http, ActionDescriptor action, RequestDelegate next)
    {
        if (!int.TryParse(http.GetRouteValue("id") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ListCacheKey.For(http, action) is not { } list)
        {
            await next(http);
            return;
        }

        var key = $"playlist-page:{id}|{list}";
        // Read before the page is: a write landing meanwhile leaves the new entry already stale.
        var (playlists, edits, counts) = (version.Playlists, version.Edits, version.Counts);

        if (cache.TryGetValue(key, out Entry? entry) && entry!.Playlists == playlists && entry.Edits == edits && entry.Counts == counts
            && http.RequestServices.GetRequiredService<ICurrentUser>().MayRead(entry, adminsAllowed: true))
        {
            await entry.Response.WriteAsync(http, CacheControl(entry));
            return;
        }

        if (await CachedResponse.CaptureAsync(http, next) is not { } response) return;
        // The state the handler checked access on, when it was read at these versions (smart playlists are not kept).
        var state = states.Current(id, edits, playlists);
        if (state is { Rules: null })
        {
            entry = new Entry(playlists, edits, counts, state.OwnerId, state.IsPublic, response);
            cache.Set(key, entry, new MemoryCacheEntryOptions { Size = response.Body.Length + key.Length });
        }

        await response.WriteAsync(http, CacheControl(state));
    }

    /// <summary>A private playlist's pages are for its owner's (or an admin's) client only, never for a shared cache.</summary>
    private static string CacheControl(IOwned? playlist) => playlist is { IsPublic: true } ? "no-cache" : "private, no-cache";
}

/// <summary>Puts an action's responses (pages of a playlist's songs) in the <see cref="PlaylistPageCache"/> when caching is on.</summary>
internal sealed class CachedPlaylistPageAttribute : CachedByAttribute<PlaylistPageCache>;
