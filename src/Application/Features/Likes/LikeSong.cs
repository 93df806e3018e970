using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>Likes a song for the caller; liking twice keeps one like.</summary>
public static class LikeSong
{
    [Authorize]
    public sealed record Command(int SongId) : IRequest, IChangesCountsOnly
    {
        public IEnumerable<int> CountedSongIds() => [SongId];
    }

    internal sealed class Handler(ILikeStore likes, ICurrentUser currentUser, TimeProvider clock, IServiceMetrics metrics) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            if (await likes.LikeAsync(currentUser.RequiredUserId, request.SongId, clock.GetUtcNow().UtcDateTime, cancellationToken))
                metrics.LikeChanged(LikeChange.Like);
        }
    }
}
