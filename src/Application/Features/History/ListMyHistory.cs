using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Application.Features.History;

/// <summary>The caller's plays, newest first, each with its song.</summary>
public static class ListMyHistory
{
    [Authorize]
    public sealed record Query : IRequest<PagedResult<PlayDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator() => this.PagingRules();
    }

    public sealed class Spec : Specification<Play, PlayDto>
    {
        public Spec(int userId, IPagedQuery page)
        {
            Where(p => p.UserId == userId);
            OrderBy(p => p.PlayedAt, descending: true);
            OrderBy(p => p.Id, descending: true);
            Page(page.Page, page.PageSize);
        }
    }

    internal sealed class Handler(IReadRepository<Play> plays, ICurrentUser currentUser, ISongUrls urls)
        : IRequestHandler<Query, PagedResult<PlayDto>>
    {
        public async Task<PagedResult<PlayDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var page = await plays.PageAsync(new Spec(currentUser.RequiredUserId, request), request, cancellationToken);
            return page with { Items = page.Items.Select(p => p with { Song = p.Song.WithUrls(urls) }).ToList() };
        }
    }
}
