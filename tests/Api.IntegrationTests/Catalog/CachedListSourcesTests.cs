using System.Reflection;
using MediatR;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.Controllers;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// Cached list responses stay fresh only because every write of what they show moves the catalog
/// version (the application's CatalogWriteMarkingTests hold the stores that count as such writes:
/// album and song repositories and the like store). This test ties the other end: every cached list
/// reads only albums and songs, so a cached list that starts reading anything else fails here until
/// the writes of that too are marked.
/// </summary>
public sealed class CachedListSourcesTests
{
    // ISongUrls builds stream URLs from PublicUrl or the request's origin, which the cache key holds (ListCacheKey).
    // The search index (and what reads only it) is written by the very saves that write albums and songs (SearchIndexMaintenance).
    // SearchLimits is settings, fixed for the process: it changes how much work a search does, never its results.
    private static readonly Type[] CoveredSources =
    [
        typeof(IReadRepository<Album>), typeof(IReadRepository<Song>), typeof(MusicPlayer.Application.Features.Songs.ISongUrls),
        typeof(MusicPlayer.Application.Common.Search.ISearchIndex), typeof(MusicPlayer.Application.Common.Search.SearchPlanner),
        typeof(MusicPlayer.Application.Features.Catalog.CatalogSearch), typeof(MusicPlayer.Application.Features.Artists.ArtistDirectory),
        typeof(MusicPlayer.Application.Common.Search.SearchLimits),
        // An album's tracks: albums, their links and songs (link writes are catalog edits); its song detail is never cached.
        typeof(MusicPlayer.Application.Features.Catalog.ICatalogReads),
        // Albums and songs in memory, current for every marked catalog write (or not used).
        typeof(MusicPlayer.Application.Features.Search.Memory.SearchMemory),
        // Not a source: where the handler tells the cache how old the in-memory counts it showed are.
        typeof(MusicPlayer.Application.Common.Caching.ResponseCounts),
    ];

    [Fact]
    public void CachedLists_ReadOnlyAlbumsAndSongs()
    {
        var cachedRequests = typeof(SongsController).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Mvc.ControllerBase).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<CachedCatalogListAttribute>() is not null)
            .Select(m => m.GetCustomAttributes().OfType<ISendsRequest>().Single().RequestType)
            .ToList();

        cachedRequests.Should().NotBeEmpty();
        foreach (var request in cachedRequests)
        {
            var handler = typeof(Application.Common.Caching.IChangesCatalog).Assembly.GetTypes().Single(t => t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) && i.GetGenericArguments()[0] == request));
            var sources = handler.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);

            sources.Should().OnlyContain(s => CoveredSources.Contains(s),
                $"{request.FullName} is cached, so it may read only what marked catalog writes change");
        }
    }
}
