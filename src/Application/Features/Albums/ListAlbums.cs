using System.Linq.Expressions;
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

    public sealed class Spec(Query query, Expression<Func<Album, bool>>? match = null) : CatalogPageSpec<Album, AlbumDto>(query, match)
    {
        public static readonly IReadOnlyList<string> SortKeys = CommonSortKeys;
    }

    internal sealed class Handler(IReadRepository<Album> albums, CatalogSearch search) : IRequestHandler<Query, PagedResult<AlbumDto>>
    {
        public async Task<PagedResult<AlbumDto>> Handle(Query request, CancellationToken cancellationToken) =>
            await search.PageAsync(albums, request, match => new Spec(request, match), cancellationToken);
    }
}
