using System.Text.Json.Serialization;
using System.Linq.Expressions;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Likes;

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
