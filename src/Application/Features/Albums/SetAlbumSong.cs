using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Puts a song on an album, or changes its track number if it is already there. Admins only.</summary>
public static class SetAlbumSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int AlbumId, int SongId, int? TrackNumber) : IRequest, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.TrackNumber).InclusiveBetween(AlbumSong.MinTrackNumber, AlbumSong.MaxTrackNumber)
                .When(c => c.TrackNumber is not null);
    }

    internal sealed class Handler(IRepository<Album> albums, IReadRepository<Song> songs) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var album = await albums.GetByIdOrThrowAsync(request.AlbumId, cancellationToken, a => a.Songs);
            var song = await songs.GetByIdOrThrowAsync(request.SongId, cancellationToken);
            album.SetSong(song, request.TrackNumber);
            await albums.SaveChangesAsync(cancellationToken);
        }
    }
}
