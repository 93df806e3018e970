using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Takes a song off an album; 404 when the album or the link does not exist. Admins only.</summary>
public static class RemoveAlbumSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int AlbumId, int SongId) : IRequest, IChangesCatalog;

    internal sealed class Handler(IRepository<Album> albums) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            // The links' songs are loaded too: taking a song off also detaches the link from the song's side.
            var album = await albums.GetByIdOrThrowAsync(request.AlbumId, cancellationToken, a => a.Songs.Select(l => l.Song));
            if (!album.RemoveSong(request.SongId))
                throw new NotFoundException($"Song {request.SongId} on album", request.AlbumId);
            await albums.SaveChangesAsync(cancellationToken);
        }
    }
}
