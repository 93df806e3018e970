using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Likes;

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
