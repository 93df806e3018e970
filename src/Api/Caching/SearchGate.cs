using Microsoft.AspNetCore.Mvc.Filters;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// Bounds the list searches (<c>q</c>) that reach the database at once: at most
/// <c>Caching:MaxConcurrentSearches</c> (default twice the processor count); one more waits up to
/// <c>Caching:SearchQueueTimeoutMs</c> (default 2000) for a slot, then gets a 503 with Retry-After.
/// It runs inside the list cache, so answers from the cache never wait for it.
/// </summary>
internal sealed class SearchGate(IConfiguration configuration) : IAsyncResourceFilter
{
    private readonly SemaphoreSlim _slots = new(configuration.GetValue("Caching:MaxConcurrentSearches", 2 * Environment.ProcessorCount));
    private readonly TimeSpan _queueTimeout = TimeSpan.FromMilliseconds(configuration.GetValue("Caching:SearchQueueTimeoutMs", 2000));

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (string.IsNullOrWhiteSpace(http.Request.Query["q"]))
        {
            await next();
            return;
        }

        if (!await _slots.WaitAsync(_queueTimeout, http.RequestAborted))
            throw new TooBusyException(TimeSpan.FromSeconds(1), "Too many searches are running; try again shortly.");
        try
        {
            await next();
        }
        finally
        {
            _slots.Release();
        }
    }
}

/// <summary>Puts an action's searches behind the <see cref="SearchGate"/>, inside the list cache.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BoundedSearchAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    public bool IsReusable => true;

    /// <summary>After the resource filters of order 0. (A cached search is answered before MVC runs, so it never waits for a slot.)</summary>
    public int Order => 1;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<SearchGate>();
}
