namespace MusicPlayer.Application.Common.Caching;

/// <summary>
/// A number that changes whenever anything a catalog list shows may have changed. Caches of list
/// responses key their entries by it, so a write makes every older entry unreachable at once.
/// </summary>
public sealed class CatalogVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);
}

/// <summary>Marks a command that changes what catalog lists show (fields, links, like counts).</summary>
public interface IChangesCatalog;
