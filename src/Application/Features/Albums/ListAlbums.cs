using MediatR;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Pages through albums, filtered, searched and sorted. Public.</summary>
public static class ListAlbums
{
    public sealed record Query : CatalogListQuery, IRequest<PagedResult<AlbumDto>>;

    public sealed class Validator() : CatalogListQueryValidator<Query>(Spec.SortKeys);

    public sealed class Spec(Query query) : CatalogPageSpec<Album, AlbumDto>(query)
    {
        public static readonly IReadOnlyList<string> SortKeys = CommonSortKeys;
    }

    internal sealed class Handler(IReadRepository<Album> albums) : IRequestHandler<Query, PagedResult<AlbumDto>>
    {
        public Task<PagedResult<AlbumDto>> Handle(Query request, CancellationToken cancellationToken) =>
            albums.PageAsync(new Spec(request), request, cancellationToken);
    }
}
