using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Removes one entry; the entries after it close up. Owner only; If-Match guards it.</summary>
public static class RemovePlaylistEntry
{
    [Authorize]
    public sealed record Command(int Id, int EntryId, int? IfMatch = null) : IRequest, IChangesPlaylists;

    internal sealed class Handler(IReadRepository<Playlist> playlists, IPlaylistStore store, ICurrentUser currentUser, TimeProvider clock)
        : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            await playlists.EnsureOwnerAsync(currentUser, request.Id, cancellationToken);
            await store.RemoveAsync(request.Id, request.IfMatch, request.EntryId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
    }
}
