using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>One album with its song count. Any signed-in caller.</summary>
public static class GetAlbum
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<AlbumDetailDto>;

    internal sealed class Handler(IReadRepository<Album> albums) : IRequestHandler<Query, AlbumDetailDto>
    {
        public Task<AlbumDetailDto> Handle(Query request, CancellationToken cancellationToken) =>
            albums.FirstOrThrowAsync(new AlbumDetailSpec(request.Id), request.Id, cancellationToken);
    }
}
