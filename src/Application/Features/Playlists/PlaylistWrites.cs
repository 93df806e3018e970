using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>What every entry change checks first: the playlist exists and the caller owns it (404 / 403 otherwise).</summary>
internal static class PlaylistWrites
{
    public static async Task EnsureOwnerAsync(this IReadRepository<Playlist> playlists, ICurrentUser caller, int id,
        CancellationToken cancellationToken)
    {
        var owned = await playlists.FirstOrThrowAsync(new PlaylistAccessSpec(id), id, cancellationToken);
        caller.EnsureMayWrite(owned, "Playlist", id);
    }
}
