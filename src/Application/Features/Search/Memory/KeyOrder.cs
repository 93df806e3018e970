namespace MusicPlayer.Application.Features.Search.Memory;

/// <summary>
/// Title keys in ordinal order with their items' ids: the items whose key equals a query's key, or starts with it, are a
/// range (as the database reads them from its index on <c>SearchKey</c>). Not thread-safe: <see cref="SearchMemory"/> guards it.
/// </summary>
internal sealed class KeyOrder
{
    private static readonly IComparer<(string Key, int Id)> Order = Comparer<(string Key, int Id)>.Create((a, b) =>
        string.CompareOrdinal(a.Key, b.Key) is var byKey and not 0 ? byKey : a.Id.CompareTo(b.Id));

    private readonly List<(string Key, int Id)> _entries = [];

    public void Add(string key, int id)
    {
        var at = _entries.BinarySearch((key, id), Order);
        if (at < 0) _entries.Insert(~at, (key, id));
    }

    public void Remove(string key, int id)
    {
        var at = _entries.BinarySearch((key, id), Order);
        if (at >= 0) _entries.RemoveAt(at);
    }

    /// <summary>The ids of the items whose key starts with <paramref name="prefix"/> (all of them when <paramref name="exactly"/> is false) or equals it.</summary>
    public IEnumerable<int> Starting(string prefix, bool exactly)
    {
        var at = _entries.BinarySearch((prefix, int.MinValue), Order);
        for (var i = ~at; i < _entries.Count && _entries[i].Key.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (exactly && _entries[i].Key.Length != prefix.Length) yield break;
            yield return _entries[i].Id;
        }
    }
}
