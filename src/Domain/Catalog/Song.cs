using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Catalog;

/// <summary>A song of the catalog.</summary>
public sealed class Song : CatalogItem
{
    private readonly List<AlbumSong> _albums = [];
    private readonly List<Likes.UserLike> _likes = [];
    private readonly List<History.Play> _plays = [];

    private Song() { }

    /// <summary>The URL the song was given (empty for a song created from an uploaded file, whose URL is its stream endpoint).</summary>
    public string FileUrl { get; private set; } = "";

    /// <summary>The stored audio, when the song's file was uploaded.</summary>
    public AudioFile? Audio { get; private set; }

    /// <summary>Length in seconds, when known.</summary>
    public int? Duration { get; private set; }

    /// <summary>Number of likes; kept by the store so reading it costs nothing.</summary>
    public int LikeCount { get; private set; }

    /// <summary>Number of counted plays (see <c>PlayRules</c>); kept by the play store, like <see cref="LikeCount"/>.</summary>
    public int PlayCount { get; private set; }

    /// <summary>The albums this song is on (links are owned and changed by <see cref="Album"/>).</summary>
    public IReadOnlyCollection<AlbumSong> Albums => _albums;

    /// <summary>Who likes this song (rows written by the like store; read by queries such as smart playlist rules).</summary>
    public IReadOnlyCollection<Likes.UserLike> Likes => _likes;

    /// <summary>Who played this song and when (rows written by the play store; read by queries such as smart playlist rules).</summary>
    public IReadOnlyCollection<History.Play> Plays => _plays;

    public static Song Create(SongDetails details, DateTime now)
    {
        var song = new Song();
        song.Update(details, now);
        return song;
    }

    /// <summary>
    /// A song made from an uploaded file: its fields come from the file's tags (already sanitised and
    /// defaulted), its duration from the stream, and it has no URL of its own.
    /// </summary>
    public static Song CreateFromAudio(CatalogDetails details, AudioFile audio, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var duration = audio.WholeSeconds;
        var song = new Song();
        song.SetDetails(details, now);
        song.Audio = audio;
        song.Duration = duration;
        return song;
    }

    /// <summary>
    /// Attaches stored audio, replacing any; the duration follows the stream, the descriptive fields stay.
    /// Returns the storage key of the audio it replaces (null when none, or the same bytes).
    /// </summary>
    public string? AttachAudio(AudioFile audio, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var duration = audio.WholeSeconds;
        var replaced = Audio is { } old && old.StorageKey != audio.StorageKey ? old.StorageKey : null;
        Audio = audio;
        Duration = duration;
        Touch(now);
        return replaced;
    }

    /// <summary>Removes the stored audio (the song stays); returns its storage key, null when there was none.</summary>
    public string? RemoveAudio(DateTime now)
    {
        var removed = Audio?.StorageKey;
        if (removed is null) return null;
        Audio = null;
        Touch(now);
        return removed;
    }

    public void Update(SongDetails details, DateTime now)
    {
        var fileUrl = Text.Required(details.FileUrl, "fileUrl", CatalogRules.UrlMaxLength);
        if (!Text.IsHttpUrl(fileUrl)) throw new DomainException("fileUrl", "'fileUrl' must be an absolute http(s) URL.");
        if (details.Duration is < CatalogRules.MinDurationSeconds or > CatalogRules.MaxDurationSeconds)
            throw new DomainException("duration",
                $"'duration' must be between {CatalogRules.MinDurationSeconds} and {CatalogRules.MaxDurationSeconds} seconds.");
        SetDetails(details.Catalog, now);
        FileUrl = fileUrl;
        Duration = details.Duration;
    }

    internal void AttachLink(AlbumSong link) => _albums.Add(link);

    internal void DetachLink(AlbumSong link) => _albums.Remove(link);
}

/// <summary>The fields a song is created or updated with.</summary>
public sealed record SongDetails(CatalogDetails Catalog, string? FileUrl, int? Duration = null);
