using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>A playlist, with its size and length: kept counts of its entries, or of its evaluated songs when it is smart.</summary>
public sealed record PlaylistDto
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public bool IsPublic { get; init; }
    public bool IsSmart { get; init; }
    public PlaylistOwnerDto Owner { get; init; } = null!;
    public int SongCount { get; init; }

    /// <summary>Sum of the songs' durations (songs without one count 0).</summary>
    public long DurationSeconds { get; init; }

    /// <summary>Moves on with every change; also sent as <c>ETag: "&lt;version&gt;"</c>.</summary>
    public int Version { get; init; }

    /// <summary>The rules of a smart playlist; null for a manual one.</summary>
    public PlaylistRules? Rules { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>Who a playlist belongs to.</summary>
public sealed record PlaylistOwnerDto(int Id, string Username);

/// <summary>
/// A song at a position of a playlist. A smart playlist's songs are evaluated, not stored: they have no
/// <c>entryId</c> and no <c>addedAt</c> (both null).
/// </summary>
public sealed record PlaylistEntryDto(int? EntryId, int Position, DateTime? AddedAt, SongDto Song);

/// <summary>A playlist as read from the database, before smart totals and rules are filled in.</summary>
public sealed record PlaylistRow(
    int Id, string Name, string? Description, bool IsPublic, int OwnerId, string OwnerName, int SongCount,
    long DurationSeconds, int Version, string? Rules, DateTime CreatedAt, DateTime UpdatedAt) : IOwned
{
    public PlaylistState State => new(Id, OwnerId, IsPublic, Version, SongCount, Rules);
}
