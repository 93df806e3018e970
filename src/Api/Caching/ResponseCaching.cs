using Microsoft.AspNetCore.Mvc.Abstractions;

namespace MusicPlayer.Api.Caching;

/// <summary>A cache of whole responses of the actions marked for it (<see cref="CachedByAttribute{TCache}"/>).</summary>
internal interface IResponseCache
{
    /// <summary>Answers a request for <paramref name="action"/> from the cache, or runs the rest of the pipeline (<paramref name="next"/>) and keeps what it may.</summary>
    Task ServeAsync(HttpContext http, ActionDescriptor action, RequestDelegate next);
}

/// <summary>What <see cref="CachedByAttribute{TCache}"/> says of an action, read from its endpoint's metadata.</summary>
internal interface ICachedBy
{
    Type Cache { get; }
}

/// <summary>Puts an action's responses in the response cache <typeparamref name="TCache"/> when it is registered (caching is on).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal abstract class CachedByAttribute<TCache> : Attribute, ICachedBy where TCache : IResponseCache
{
    public Type Cache => typeof(TCache);
}

internal static class ResponseCaching
{
    /// <summary>Registers a response cache (when its caching is on), for <see cref="UseResponseCaches"/> to send its actions' requests through.</summary>
    public static IServiceCollection AddResponseCache<TCache>(this IServiceCollection services) where TCache : class, IResponseCache =>
        services.AddSingleton<TCache>().AddSingleton<IResponseCache>(provider => provider.GetRequiredService<TCache>());

    /// <summary>
    /// Sends the requests for actions marked <see cref="CachedByAttribute{TCache}"/> through their cache when it is registered.
    /// Goes after routing (the endpoint is known), authentication (a cache may check access) and the rate limiter (a
    /// caller's reads count against its limit, hit or miss), and before the endpoint: a hit never runs MVC (action
    /// selection, filters, binding, validation, the handler, the database); a miss runs it into a buffer.
    /// </summary>
    public static IApplicationBuilder UseResponseCaches(this IApplicationBuilder app)
    {
        var caches = app.ApplicationServices.GetServices<IResponseCache>().ToDictionary(cache => cache.GetType());
        if (caches.Count == 0) return app;
        return app.Use((http, next) =>
            http.GetEndpoint()?.Metadata is { } metadata
            && metadata.GetMetadata<ICachedBy>() is { } marker
            && caches.TryGetValue(marker.Cache, out var cache)
            && metadata.GetMetadata<ActionDescriptor>() is { } action
                ? cache.ServeAsync(http, action, next)
                : next(http));
    }
}
