using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>The songs the caller liked, newest like first.</summary>
public static class ListMyLikes
{
    [Authorize]
    public sealed record Query : IRequest<PagedResult<LikedSongDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator() => this.PagingRules();
    }

    public sealed class Spec : Specification<UserLike, LikedSongDto>
    {
        public Spec(int userId, IPagedQuery page)
        {
            Where(l => l.UserId == userId);
            OrderBy(l => l.LikedAt, descending: true);
            OrderBy(l => l.SongId, descending: true);
            Page(page.Page, page.PageSize);
        }
    }

    internal sealed class Handler(IReadRepository<UserLike> likes, ICurrentUser currentUser, ISongUrls urls)
        : IRequestHandler<Query, PagedResult<LikedSongDto>>
    {
        public async Task<PagedResult<LikedSongDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var page = await likes.PageAsync(new Spec(currentUser.RequiredUserId, request), request, cancellationToken);
            return page with { Items = page.Items.Select(s => s.WithUrls(urls)).ToList() };
        }
    }
}
