namespace MusicPlayer.Application.Common.Caching;

/// <summary>
/// The like and play counts a response shows, when they come from a copy read before the request (the in-memory search
/// index's): the <see cref="CatalogVersion.Counts"/> they are of and when they were read (a timestamp of the clock). A cache
/// of responses takes its entry's counts version and age from these, so the lag it allows counts from the copy's read, not
/// from the response's, and a copy older than the counts is never kept as current. One per request.
/// </summary>
public sealed class ResponseCounts
{
    /// <summary>The oldest copy the response used; null when its counts were read for it.</summary>
    public (long Version, long ReadAt)? Copy { get; private set; }

    public void FromCopy(long version, long readAt) =>
        Copy = Copy is { } copy ? (Math.Min(copy.Version, version), Math.Min(copy.ReadAt, readAt)) : (version, readAt);
}
