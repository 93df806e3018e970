using System.Globalization;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// A file's tags as catalog fields: every text passes the field rules (control and invisible
/// characters removed, trimmed, cut to the column), and missing fields get their defaults.
/// </summary>
public sealed record SongTags(CatalogDetails Song, string? AlbumTitle, string AlbumArtist, int? TrackNumber)
{
    public const string UnknownArtist = "Unknown Artist";
    public const string UnknownGenre = "Unknown";
    public const string Untitled = "Untitled";

    public static SongTags From(AudioTags tags, string? fileName)
    {
        var title = Text.Sanitize(tags.Title, CatalogRules.TitleMaxLength)
                    ?? Text.Sanitize(NameWithoutExtension(fileName), CatalogRules.TitleMaxLength)
                    ?? Untitled;
        var artists = (tags.Artists ?? [])
            .Select(a => Text.Sanitize(a, CatalogRules.ArtistMaxLength))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        var artist = Text.Sanitize(string.Join("; ", artists), CatalogRules.ArtistMaxLength) ?? UnknownArtist;
        var genre = Text.Sanitize(tags.Genre, CatalogRules.GenreMaxLength) ?? UnknownGenre;
        var albumArtist = Text.Sanitize(tags.AlbumArtist, CatalogRules.ArtistMaxLength) ?? artist;
        var track = tags.TrackNumber is >= AlbumSong.MinTrackNumber and <= AlbumSong.MaxTrackNumber ? tags.TrackNumber : null;
        return new SongTags(new CatalogDetails(title, artist, genre, ReleaseDate: ReleaseDate(tags.Date)),
            Text.Sanitize(tags.Album, CatalogRules.TitleMaxLength), albumArtist, track);
    }

    /// <summary>The details of an album created for the song: its tags' title and album artist, the song's genre and date.</summary>
    public CatalogDetails NewAlbum() => new(AlbumTitle, AlbumArtist, Song.Genre, ReleaseDate: Song.ReleaseDate);

    /// <summary><c>yyyy-MM-dd</c> (anything after it, such as a time, ignored), <c>yyyy-MM</c> (its first day) or <c>yyyy</c> (1 January); else null.</summary>
    public static DateOnly? ReleaseDate(string? date)
    {
        var value = date?.Trim() ?? "";
        if (value.Length >= 10 && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        if (value.Length >= 7 && DateOnly.TryParseExact(value[..7], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return month;
        if (value.Length >= 4 && int.TryParse(value[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1 and <= 9999 && (value.Length == 4 || !char.IsAsciiDigit(value[4])))
            return new DateOnly(year, 1, 1);
        return null;
    }

    /// <summary>The last segment of a client's file name (either separator), without its extension.</summary>
    private static string? NameWithoutExtension(string? fileName)
    {
        if (fileName is null) return null;
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }
}
