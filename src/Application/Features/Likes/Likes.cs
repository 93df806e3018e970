using MusicPlayer.Application.Common.Caching;
using System.Text.Json.Serialization;
using System.Linq.Expressions;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>Likes a song for the caller; liking twice keeps one like.</summary>
public static class LikeSong
{
    [Authorize]
    public sealed record Command(int SongId) : IRequest<Unit>, IChangesCatalog;

    internal sealed class Handler(ILikeStore likes, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await likes.LikeAsync(currentUser.RequiredUserId, request.SongId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Takes back the caller's like; unliking what was not liked is fine, but the song must exist.</summary>
public static class UnlikeSong
{
    [Authorize]
    public sealed record Command(int SongId) : IRequest<Unit>, IChangesCatalog;

    internal sealed class Handler(ILikeStore likes, ICurrentUser currentUser) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await likes.UnlikeAsync(currentUser.RequiredUserId, request.SongId, cancellationToken);
            return Unit.Value;
        }
    }
}

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
        public Spec(int userId, IPagedQuery page) : base(LikedSongDto.Projection)
        {
            Where(l => l.UserId == userId);
            OrderBy(l => l.LikedAt, descending: true);
            OrderBy(l => l.SongId, descending: true);
            Page(page.Page, page.PageSize);
        }
    }

    internal sealed class Handler(IReadRepository<UserLike> likes, ICurrentUser currentUser)
        : IRequestHandler<Query, PagedResult<LikedSongDto>>
    {
        public Task<PagedResult<LikedSongDto>> Handle(Query request, CancellationToken cancellationToken) =>
            likes.PageAsync(new Spec(currentUser.RequiredUserId, request), request, cancellationToken);
    }
}

/// <summary>A song the caller liked, with when.</summary>
public sealed record LikedSongDto : SongDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public DateTime LikedAt { get; init; }

    public static readonly new Expression<Func<UserLike, LikedSongDto>> Projection =
        Common.Persistence.Projection.Extend(
            Common.Persistence.Projection.Over((UserLike l) => l.Song, SongDto.Projection),
            (UserLike l) => new LikedSongDto { LikedAt = l.LikedAt });
}

/// <summary>Whether a user likes a song.</summary>
public sealed class LikeSpec : Specification<UserLike>
{
    public LikeSpec(int userId, int songId) => Where(l => l.UserId == userId && l.SongId == songId);
}
