using System.Linq.Expressions;
using MediatR;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>An album's songs in track order: numbered tracks first by number, then the rest by title. Any signed-in caller.</summary>
public static class ListAlbumSongs
{
    [Authorize]
    public sealed record Query(int AlbumId) : IRequest<IReadOnlyList<AlbumTrackDto>>;

    /// <summary>The album's track list, or null when there is no such album.</summary>
    public sealed class Spec : Specification<Album, List<AlbumTrackDto>>
    {
        // Each track is Mapster's AlbumSong -> AlbumTrackDto projection; the list around it stays an expression,
        // because its order (numbered tracks first, then by title) is part of the query and a mapping has no order.
        private static readonly Expression<Func<AlbumSong, AlbumTrackDto>> Track = Mappings.Projection<AlbumSong, AlbumTrackDto>();

        public Spec(int albumId) : base(a => a.Songs
            .OrderBy(l => l.TrackNumber == null)
            .ThenBy(l => l.TrackNumber)
            .ThenBy(l => l.Song.NormalizedTitle)
            .ThenBy(l => l.SongId)
            .AsQueryable()
            .Select(Track)
            .ToList()) => Where(a => a.Id == albumId);
    }

    internal sealed class Handler(IReadRepository<Album> albums, ISongUrls urls) : IRequestHandler<Query, IReadOnlyList<AlbumTrackDto>>
    {
        public async Task<IReadOnlyList<AlbumTrackDto>> Handle(Query request, CancellationToken cancellationToken) =>
            (await albums.FirstOrThrowAsync(new Spec(request.AlbumId), request.AlbumId, cancellationToken))
            .Select(t => t.WithUrls(urls)).ToList();
    }
}
