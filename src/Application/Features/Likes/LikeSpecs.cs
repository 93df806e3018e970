using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>Whether a user likes a song.</summary>
public sealed class LikeSpec : Specification<UserLike>
{
    public LikeSpec(int userId, int songId) => Where(l => l.UserId == userId && l.SongId == songId);
}
