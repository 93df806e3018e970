namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// Keys of the content-addressed store: the object's SHA-256 as 64 lower-case hex digits, nothing
/// else. Both backends lay an object out as <c>objects/ab/cd/&lt;sha256&gt;</c> (its first two
/// bytes as folders), so a file-system root copied into a bucket is a valid S3 store and back.
/// A key is checked before it becomes a path or an object name: no separator, dot or other
/// character can reach either.
/// </summary>
internal static class StorageKeys
{
    public const int Length = 64;

    public static bool IsValid(string? key)
    {
        if (key is not { Length: Length }) return false;
        foreach (var c in key)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f')) return false;
        return true;
    }

    /// <summary>The object's relative location, with <c>/</c> separators.</summary>
    public static string ObjectName(string key)
    {
        if (!IsValid(key))
            throw new ArgumentException("A storage key is the SHA-256 of the object as 64 lower-case hex digits.", nameof(key));
        return $"objects/{key[..2]}/{key[2..4]}/{key}";
    }
}
