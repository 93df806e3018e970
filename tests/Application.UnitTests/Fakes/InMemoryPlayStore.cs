using MusicPlayer.Application.Features.History;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>Plays kept in a list, per user, with the real store's duplicate rule (one play per user and client key).</summary>
public sealed class InMemoryPlayStore : IPlayStore
{
    public List<(int UserId, NewPlay Play)> Plays { get; } = [];

    public Task<PlayBatchResult> RecordAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken)
    {
        var accepted = 0;
        foreach (var play in plays)
        {
            if (play.ClientPlayId is { } key && Plays.Any(p => p.UserId == userId && p.Play.ClientPlayId == key)) continue;
            Plays.Add((userId, play));
            accepted++;
        }
        return Task.FromResult(new PlayBatchResult(accepted, plays.Count - accepted, []));
    }

    public Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken)
    {
        Plays.RemoveAll(p => p.UserId == userId);
        return Task.CompletedTask;
    }

    public Task RemoveAllOfSongAsync(int songId, CancellationToken cancellationToken)
    {
        Plays.RemoveAll(p => p.Play.SongId == songId);
        return Task.CompletedTask;
    }
}
