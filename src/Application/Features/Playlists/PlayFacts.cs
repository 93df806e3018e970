using System.Linq.Expressions;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// What smart playlist rules know about listening history: the ONE place the rule compiler reads plays from.
/// Listening history does not exist yet, so every song has zero counted plays and the owner never played it:
/// <c>playCount</c> conditions compare 0 and <c>lastPlayedAt</c> conditions see "never played". When plays
/// land, these two expressions become the song's counter (<c>s =&gt; s.PlayCount</c>) and the owner's last play
/// (<c>s =&gt; s.Plays.Where(p =&gt; p.UserId == ownerId).Max(p =&gt; (DateTime?)p.PlayedAt)</c>), and every rule
/// (and its tests over zero plays) keeps working.
/// </summary>
public static class PlayFacts
{
    /// <summary>The song's number of counted plays.</summary>
    public static Expression<Func<Song, long?>> PlayCount(int ownerId) => _ => 0L;

    /// <summary>When the owner last played the song; null when never.</summary>
    public static Expression<Func<Song, DateTime?>> LastPlayedAt(int ownerId) => _ => null;
}
