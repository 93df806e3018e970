using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>
/// Innermost behaviour for playlist writes (<see cref="IChangesPlaylists"/>): once the handler is done (committed,
/// or failed part-way), <see cref="CatalogVersion.Playlists"/> moves on, before the response reaches the client, so
/// cached playlist reads show the write on the very next read.
/// </summary>
public sealed class PlaylistChangeBehaviour<TRequest, TResponse>(CatalogVersion version) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IChangesPlaylists
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        finally
        {
            version.Bump(CatalogChange.Playlists);
        }
    }
}
