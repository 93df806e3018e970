using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Observability;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>Takes back the caller's like; unliking what was not liked is fine, but the song must exist.</summary>
public static class UnlikeSong
{
    [Authorize]
    public sealed record Command(int SongId) : IRequest, IChangesCountsOnly
    {
        public IEnumerable<int> CountedSongIds() => [SongId];
    }

    internal sealed class Handler(ILikeStore likes, ICurrentUser currentUser, IServiceMetrics metrics) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            if (await likes.UnlikeAsync(currentUser.RequiredUserId, request.SongId, cancellationToken))
                metrics.LikeChanged(LikeChange.Unlike);
        }
    }
}
