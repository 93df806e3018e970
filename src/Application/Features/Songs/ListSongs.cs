using System.Linq.Expressions;
using FluentValidation;
using MediatR;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Pages through songs, filtered (also by album), searched and sorted (also by likes or plays). Public.</summary>
public static class ListSongs
{
    public sealed record Query : CatalogListQuery, IRequest<PagedResult<SongDto>>
    {
        /// <summary>Only songs on this album.</summary>
        public int? AlbumId { get; init; }

        public override bool HasFilters() => base.HasFilters() || AlbumId is not null;
    }

    public sealed class Validator : CatalogListQueryValidator<Query>
    {
        public Validator() : base(Spec.SortKeys) =>
            RuleFor(q => q.AlbumId).GreaterThan(0).When(q => q.AlbumId is not null);
    }

    public sealed class Spec : CatalogPageSpec<Song, SongDto>
    {
        public static readonly IReadOnlyList<string> SortKeys = [.. CommonSortKeys, "-likeCount", "-playCount"];

        public Spec(Query query, Expression<Func<Song, bool>>? match = null) : base(query, match)
        {
            if (query.AlbumId is { } albumId) Where(s => s.Albums.Any(l => l.AlbumId == albumId));
        }

        protected override bool ApplySort(string sort)
        {
            switch (sort)
            {
                case "-likeCount":
                    OrderBy(s => s.LikeCount, descending: true);
                    break;
                case "-playCount":
                    OrderBy(s => s.PlayCount, descending: true);
                    break;
                default:
                    return false;
            }
            OrderBy(s => s.Id, descending: true);
            return true;
        }
    }

    internal sealed class Handler(IReadRepository<Song> songs, CatalogSearch search, ISongUrls urls) : IRequestHandler<Query, PagedResult<SongDto>>
    {
        public async Task<PagedResult<SongDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var page = await search.PageAsync(songs, request, match => new Spec(request, match), cancellationToken);
            return page with { Items = page.Items.Select(s => s.WithUrls(urls)).ToList() };
        }
    }
}
