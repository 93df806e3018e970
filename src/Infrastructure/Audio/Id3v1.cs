using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>ID3v1 and v1.1: the 128 bytes at the end of a file that start with <c>TAG</c> (ISO-8859-1, fixed fields).</summary>
internal static class Id3v1
{
    public const int Size = 128;

    public static bool IsTag(ReadOnlySpan<byte> tail) =>
        tail.Length == Size && tail[0] == 'T' && tail[1] == 'A' && tail[2] == 'G';

    public static AudioTags Parse(ReadOnlySpan<byte> tag)
    {
        var comment = tag.Slice(97, 30);
        // v1.1: a NUL before the last comment byte, which is then the track number.
        int? track = comment[28] == 0 && comment[29] != 0 ? comment[29] : null;
        var year = Text(tag.Slice(93, 4));
        var artist = Text(tag.Slice(33, 30));
        return new AudioTags(
            Title: Text(tag.Slice(3, 30)),
            Artists: artist is null ? null : [artist],
            Album: Text(tag.Slice(63, 30)),
            TrackNumber: track,
            Date: year,
            Genre: Id3Genres.Name(tag[127]));
    }

    private static string? Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var text = Encoding.Latin1.GetString(end < 0 ? field : field[..end]).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The fields of <paramref name="primary"/>, with those it lacks taken from <paramref name="fallback"/>.</summary>
    public static AudioTags Merge(AudioTags primary, AudioTags fallback) => new(
        Title: primary.Title ?? fallback.Title,
        Artists: primary.Artists ?? fallback.Artists,
        Album: primary.Album ?? fallback.Album,
        AlbumArtist: primary.AlbumArtist ?? fallback.AlbumArtist,
        TrackNumber: primary.TrackNumber ?? fallback.TrackNumber,
        TrackTotal: primary.TrackNumber is null ? fallback.TrackTotal : primary.TrackTotal,
        DiscNumber: primary.DiscNumber ?? fallback.DiscNumber,
        Date: primary.Date ?? fallback.Date,
        Genre: primary.Genre ?? fallback.Genre,
        FrontCover: primary.FrontCover ?? fallback.FrontCover);
}
