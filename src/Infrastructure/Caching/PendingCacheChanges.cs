using System.Globalization;
using System.Threading.Channels;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Infrastructure.Caching;

/// <summary>
/// The changes made here that the other instances have not been told of yet, as one batch: the kinds of
/// catalog change and the users whose session changed. Recording one is a lock and a flag, so a like does
/// not wait for the database; <see cref="TakeAsync"/> hands the sender everything recorded since its last
/// batch, so a burst of writes costs one message.
/// </summary>
internal sealed class PendingCacheChanges : ICachePeers
{
    private readonly Lock _gate = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CatalogChange _catalog;
    private HashSet<int> _users = [];

    public void CatalogChanged(CatalogChange change)
    {
        lock (_gate) _catalog |= change;
        _signal.Writer.TryWrite(true);
    }

    public void SessionChanged(int userId)
    {
        lock (_gate) _users.Add(userId);
        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits until something is pending, then takes all of it.</summary>
    public async Task<CacheChanges> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.Reader.ReadAsync(cancellationToken);
            if (TryTake() is { } changes) return changes;
        }
    }

    /// <summary>Everything pending, or null when nothing is.</summary>
    public CacheChanges? TryTake()
    {
        lock (_gate)
        {
            if (_catalog == 0 && _users.Count == 0) return null;
            var changes = new CacheChanges(_catalog, _users);
            _catalog = 0;
            _users = [];
            return changes;
        }
    }

    /// <summary>Puts back a batch that could not be sent, to go with the next one.</summary>
    public void Return(CacheChanges changes)
    {
        lock (_gate)
        {
            _catalog |= changes.Catalog;
            _users.UnionWith(changes.Users);
        }
        _signal.Writer.TryWrite(true);
    }
}

/// <summary>A batch of changes, and its wire form: <c>sender|catalog change|user,user,…</c> (PostgreSQL caps a payload at 8000 bytes, so many users take several messages).</summary>
internal sealed record CacheChanges(CatalogChange Catalog, IReadOnlyCollection<int> Users)
{
    public const int UsersPerMessage = 500;

    public IEnumerable<string> ToMessages(string sender)
    {
        var catalog = ((int)Catalog).ToString(CultureInfo.InvariantCulture);
        if (Users.Count == 0)
        {
            yield return $"{sender}|{catalog}|";
            yield break;
        }

        foreach (var chunk in Users.Chunk(UsersPerMessage))
        {
            yield return $"{sender}|{catalog}|{string.Join(',', chunk.Select(u => u.ToString(CultureInfo.InvariantCulture)))}";
            catalog = "0";
        }
    }

    /// <summary>The sender and changes of a message, or null when it is not one of ours.</summary>
    public static (string Sender, CacheChanges Changes)? Parse(string message)
    {
        var parts = message.Split('|');
        if (parts.Length != 3
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var catalog)
            || (catalog & ~(int)CatalogChange.All) != 0)
            return null;

        var users = new List<int>();
        foreach (var user in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
            users.Add(id);
        }
        return (parts[0], new CacheChanges((CatalogChange)catalog, users));
    }
}
