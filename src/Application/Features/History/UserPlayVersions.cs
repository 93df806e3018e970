using System.Collections.Concurrent;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// A number per user that moves whenever a batch of that user's plays was recorded here: a user's cached statistics
/// depend on their own plays, and other users' batches leave them as they are (see <see cref="GetMyStats"/>).
/// </summary>
public sealed class UserPlayVersions
{
    private readonly ConcurrentDictionary<int, long> _versions = new();

    public long Of(int userId) => _versions.GetValueOrDefault(userId);

    public void Bump(int userId) => _versions.AddOrUpdate(userId, 1, (_, version) => version + 1);
}
