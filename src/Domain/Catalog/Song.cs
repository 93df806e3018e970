using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Catalog;

/// <summary>A song of the catalog.</summary>
public sealed class Song : CatalogItem
{
    private readonly List<AlbumSong> _albums = [];

    private Song() { }

    public string FileUrl { get; private set; } = "";

    /// <summary>Length in seconds, when known.</summary>
    public int? Duration { get; private set; }

    /// <summary>Number of likes; kept by the store so reading it costs nothing.</summary>
    public int LikeCount { get; private set; }

    /// <summary>The albums this song is on (links are owned and changed by <see cref="Album"/>).</summary>
    public IReadOnlyCollection<AlbumSong> Albums => _albums;

    public static Song Create(SongDetails details, DateTime now)
    {
        var song = new Song();
        song.Update(details, now);
        return song;
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
