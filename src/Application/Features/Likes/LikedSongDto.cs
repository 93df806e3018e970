using System.Text.Json.Serialization;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>A song the caller liked, with when.</summary>
public sealed record LikedSongDto : SongDto
{
    // After the fields of the base shape, so every response reads in the same order.
    [JsonPropertyOrder(1)]
    public DateTime LikedAt { get; init; }
}
