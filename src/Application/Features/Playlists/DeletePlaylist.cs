using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Deletes a playlist with its entries. The owner or an admin; If-Match guards it.</summary>
public static class DeletePlaylist
{
    [Authorize]
    public sealed record Command(int Id, int? IfMatch = null) : IRequest, IChangesPlaylists;

    internal sealed class Handler(IReadRepository<Playlist> playlists, IPlaylistStore store, ICurrentUser currentUser) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var owned = await playlists.FirstOrThrowAsync(new PlaylistAccessSpec(request.Id), request.Id, cancellationToken);
            currentUser.EnsureMayWrite(owned, "Playlist", request.Id, adminsAllowed: true);
            await store.DeleteAsync(request.Id, request.IfMatch, cancellationToken);
        }
    }
}
