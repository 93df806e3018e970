using System.Linq.Expressions;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// What smart playlist rules know about listening history, the one place the rule compiler reads plays from:
/// <c>playCount</c> is the song's counter of counted plays (the same number song lists show and sort by, like
/// <c>likeCount</c>), and <c>lastPlayedAt</c> is when the playlist's owner last played the song, counted or
/// not (null, "never played", when they have not).
/// </summary>
public static class PlayFacts
{
    /// <summary>The song's number of counted plays.</summary>
    public static Expression<Func<Song, long?>> PlayCount { get; } = s => s.PlayCount;

    /// <summary>When the owner last played the song; null when never.</summary>
    public static Expression<Func<Song, DateTime?>> LastPlayedAt(int ownerId) =>
        s => s.Plays.Where(p => p.UserId == ownerId).Max(p => (DateTime?)p.PlayedAt);
}
