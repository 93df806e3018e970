namespace MusicPlayer.Domain.Playlists;

/// <summary>Limits of playlists, read by the aggregate, the validators and the database mapping alike.</summary>
public static class PlaylistLimits
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const int MaxEntries = 10_000;
    public const int MaxPlaylistsPerUser = 1_000;
    public const int MaxSongsPerAdd = 500;

    /// <summary>The stored rules of a smart playlist, as canonical JSON.</summary>
    public const int RulesMaxLength = 16_000;
}
