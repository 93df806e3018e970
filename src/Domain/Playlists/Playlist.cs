using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Playlists;

/// <summary>
/// A user's playlist: either manual (ordered entries, positions 1..<see cref="SongCount"/> without gaps: ranks
/// in the order of their sort keys, see <see cref="PlaylistOrder"/>) or smart (<see cref="Rules"/> set, no
/// entries: its songs are evaluated when read). Entries are written by the store, never loaded here; the
/// aggregate decides whether a change is allowed and where it lands (<see cref="PlanInsert"/>,
/// <see cref="PlanMove"/>, <see cref="EnsureManual"/>), and every change moves <see cref="Version"/> on.
/// </summary>
public sealed class Playlist : Entity
{
    private readonly List<PlaylistEntry> _entries = [];

    private Playlist() { }

    public int OwnerId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The case-folded name, for sorting and searching the same way on every database.</summary>
    public string NormalizedName { get; private set; } = "";
    public string? Description { get; private set; }
    public bool IsPublic { get; private set; }

    /// <summary>The smart playlist's rules as canonical JSON; null for a manual playlist.</summary>
    public string? Rules { get; private set; }

    public bool IsSmart => Rules is not null;

    /// <summary>Number of manual entries, kept by the store in the same transaction as the entries (0 for a smart playlist).</summary>
    public int SongCount { get; private set; }

    /// <summary>Sum of the entries' song durations (songs without one count 0), kept by the store like <see cref="SongCount"/>.</summary>
    public long DurationSeconds { get; private set; }

    /// <summary>Moves on with every change; the ETag clients send back in If-Match.</summary>
    public int Version { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The owner, for reads that show who it belongs to.</summary>
    public Users.User Owner { get; private set; } = null!;

    /// <summary>The entries, for queries (counts, sums); never loaded to change them: the store moves them set-based.</summary>
    public IReadOnlyCollection<PlaylistEntry> Entries => _entries;

    public static Playlist Create(int ownerId, PlaylistDetails details, DateTime now)
    {
        var playlist = new Playlist { OwnerId = ownerId, CreatedAt = now, Version = 1 };
        playlist.Set(details, now);
        return playlist;
    }

    /// <summary>Replaces name, description, visibility and rules. Rules on a playlist that has entries are a conflict.</summary>
    public void Update(PlaylistDetails details, DateTime now)
    {
        if (details.Rules is not null && SongCount > 0)
            throw new DomainConflictException("A playlist with entries cannot become smart; remove its entries first.");
        Set(details, now);
        Version++;
    }

    /// <summary>Refuses entry changes on a smart playlist.</summary>
    public void EnsureManual()
    {
        if (IsSmart) throw new DomainConflictException("A smart playlist has no manual entries; change its rules instead.");
    }

    /// <summary>
    /// Where <paramref name="count"/> new entries go: at <paramref name="position"/> (1..SongCount+1), or at the
    /// end when none is given. The entries at and after it move down by <paramref name="count"/>.
    /// </summary>
    public int PlanInsert(int count, int? position)
    {
        EnsureManual();
        if (count < 1) throw new DomainException("songIds", "At least one song is required.");
        if ((long)SongCount + count > PlaylistLimits.MaxEntries)
            throw new DomainConflictException(
                $"A playlist holds at most {PlaylistLimits.MaxEntries} entries; it has {SongCount}, and {count} more would not fit.");
        var at = position ?? SongCount + 1;
        if (at < 1 || at > SongCount + 1)
            throw new DomainException("position", $"'position' must be between 1 and {SongCount + 1}.");
        return at;
    }

    /// <summary>Checks that one of its entries may move to <paramref name="to"/> (1..SongCount).</summary>
    public void PlanMove(int to)
    {
        EnsureManual();
        if (to < 1 || to > SongCount) throw new DomainException("position", $"'position' must be between 1 and {SongCount}.");
    }

    private void Set(PlaylistDetails details, DateTime now)
    {
        var name = Text.Required(details.Name, "name", PlaylistLimits.NameMaxLength);
        var description = Text.Optional(details.Description, "description", PlaylistLimits.DescriptionMaxLength);
        if (details.Rules is { Length: > PlaylistLimits.RulesMaxLength })
            throw new DomainException("rules", "The rules are too long.");
        (Name, NormalizedName, Description, IsPublic, Rules, UpdatedAt) =
            (name, Text.Normalize(name), description, details.IsPublic, details.Rules, now);
    }
}

/// <summary>What a playlist is created or updated with; <see cref="Rules"/> is canonical JSON or null.</summary>
public sealed record PlaylistDetails(string? Name, string? Description, bool IsPublic, string? Rules = null);
