using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>
/// Innermost behaviour for catalog writes: once the handler is done (committed, or failed
/// part-way), the catalog version moves on, before the response reaches the client. Writes of
/// counters alone (<see cref="IChangesCountsOnly"/>) move only its counts part, edits that move counters too
/// (<see cref="IChangesUnnamedCounts"/>) both parts.
/// </summary>
public sealed class CatalogChangeBehaviour<TRequest, TResponse>(CatalogVersion version) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IChangesCatalog
{
    private static readonly CatalogChange Change =
        typeof(IChangesCountsOnly).IsAssignableFrom(typeof(TRequest)) ? CatalogChange.Counts
        : typeof(IChangesUnnamedCounts).IsAssignableFrom(typeof(TRequest)) ? CatalogChange.Edits | CatalogChange.Counts
        : CatalogChange.Edits;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        finally
        {
            version.Bump(Change);
        }
    }
}
