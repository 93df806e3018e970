using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Audio;

/// <summary>
/// Vorbis comments, the tags of FLAC, Ogg Vorbis and Opus: a vendor string, then <c>KEY=value</c>
/// comments (little-endian 32-bit lengths, UTF-8, keys case-insensitive). Every count and length is
/// checked against the bytes that are left before anything is read or allocated.
/// </summary>
internal static class VorbisComments
{
    /// <summary>The largest comment block a reader takes: a 5 MiB cover, base64-encoded, and room for the rest.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>A comment block is damaged: its lengths or count run past its end.</summary>
    private static UnsupportedAudioException Damaged() => new("The audio file's Vorbis comments are damaged.");

    /// <summary>Reads the vendor string and the tags; a structure that does not fit <paramref name="data"/> throws <see cref="UnsupportedAudioException"/>.</summary>
    public static (string Vendor, AudioTags Tags) Parse(ReadOnlySpan<byte> data)
    {
        var position = 0;
        var vendor = ReadString(data, ref position);
        var count = ReadLength(data, ref position);
        // Each comment needs at least its 4-byte length, so a count the remaining bytes cannot hold is a lie.
        if (count > (uint)(data.Length - position) / 4) throw Damaged();
        var comments = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var comment = ReadString(data, ref position);
            var equals = comment.IndexOf('=');
            if (equals <= 0) continue; // no key: not a comment we can use
            var key = comment[..equals];
            if (!comments.TryGetValue(key, out var values)) comments[key] = values = [];
            values.Add(comment[(equals + 1)..]);
        }
        return (vendor, ToTags(comments));
    }

    private static uint ReadLength(ReadOnlySpan<byte> data, ref int position)
    {
        if (data.Length - position < 4) throw Damaged();
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
        position += 4;
        return length;
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = ReadLength(data, ref position);
        if (length > (uint)(data.Length - position)) throw Damaged();
        var text = Encoding.UTF8.GetString(data.Slice(position, (int)length));
        position += (int)length;
        return text;
    }

    private static AudioTags ToTags(Dictionary<string, List<string>> comments)
    {
        string? First(params string[] keys)
        {
            foreach (var key in keys)
                if (comments.TryGetValue(key, out var values))
                    foreach (var value in values)
                        if (Clean(value) is { } clean) return clean;
            return null;
        }

        var artists = comments.TryGetValue("ARTIST", out var artistValues)
            ? artistValues.Select(Clean).OfType<string>().ToList()
            : [];
        var (track, totalInTrack) = TagNumbers.Split(First("TRACKNUMBER"));
        var (disc, _) = TagNumbers.Split(First("DISCNUMBER"));
        var total = totalInTrack ?? TagNumbers.Split(First("TRACKTOTAL", "TOTALTRACKS")).Number;
        EmbeddedPicture? cover = null;
        if (comments.TryGetValue("METADATA_BLOCK_PICTURE", out var pictures))
        {
            var decoded = pictures.Select(FlacPicture.FromBase64).OfType<FlacPicture>().ToList();
            cover = (decoded.FirstOrDefault(p => p.Type == FlacPicture.FrontCover) ?? decoded.FirstOrDefault())?.Picture;
        }
        return new AudioTags(
            Title: First("TITLE"),
            Artists: artists.Count > 0 ? artists : null,
            Album: First("ALBUM"),
            AlbumArtist: First("ALBUMARTIST", "ALBUM ARTIST"),
            TrackNumber: track,
            TrackTotal: total,
            DiscNumber: disc,
            Date: First("DATE"),
            Genre: First("GENRE"),
            FrontCover: cover);
    }

    /// <summary>Trimmed, or null when nothing is left.</summary>
    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Track and disc numbers as taggers write them: <c>3</c> or <c>3/12</c>.</summary>
internal static class TagNumbers
{
    public static (int? Number, int? Total) Split(string? text)
    {
        if (text is null) return (null, null);
        var slash = text.IndexOf('/');
        return slash < 0 ? (Parse(text), null) : (Parse(text[..slash]), Parse(text[(slash + 1)..]));
    }

    private static int? Parse(string text) =>
        int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}

/// <summary>A FLAC PICTURE block (also the payload of a METADATA_BLOCK_PICTURE comment): big-endian lengths, each bounded.</summary>
internal sealed record FlacPicture(int Type, EmbeddedPicture Picture)
{
    public const int FrontCover = 3;

    /// <summary>The picture, or null when the block is malformed, a link ("-->") or larger than <see cref="EmbeddedPicture.MaxBytes"/>: a broken cover is ignored, not fatal.</summary>
    public static FlacPicture? Parse(ReadOnlySpan<byte> block)
    {
        var position = 0;
        if (!TryRead(block, ref position, out var type)
            || !TryRead(block, ref position, out var mimeLength) || mimeLength > 256 || mimeLength > block.Length - position)
            return null;
        var mime = Encoding.ASCII.GetString(block.Slice(position, (int)mimeLength)).Trim().ToLowerInvariant();
        position += (int)mimeLength;
        if (!TryRead(block, ref position, out var descriptionLength) || descriptionLength > block.Length - position) return null;
        position += (int)descriptionLength;
        if (block.Length - position < 16) return null; // width, height, depth, colours
        position += 16;
        if (!TryRead(block, ref position, out var dataLength) || dataLength > block.Length - position
            || dataLength > EmbeddedPicture.MaxBytes || dataLength == 0)
            return null;
        var data = block.Slice(position, (int)dataLength);
        if (mime is "" or "image/") mime = ImageTypes.Sniff(data) ?? "";
        if (mime is "" or "-->") return null;
        return new FlacPicture((int)Math.Min(type, int.MaxValue), new EmbeddedPicture(mime, data.ToArray()));
    }

    public static FlacPicture? FromBase64(string text)
    {
        // A base64 picture larger than the biggest cover we keep is not decoded at all.
        if (text.Length > (EmbeddedPicture.MaxBytes + 64 * 1024) / 3 * 4 + 4) return null;
        var bytes = new byte[text.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) ? Parse(bytes.AsSpan(0, written)) : null;
    }

    private static bool TryRead(ReadOnlySpan<byte> block, ref int position, out uint value)
    {
        value = 0;
        if (block.Length - position < 4) return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(block[position..]);
        position += 4;
        return true;
    }
}

/// <summary>The image types a cover is recognised as from its first bytes.</summary>
internal static class ImageTypes
{
    public static string? Sniff(ReadOnlySpan<byte> data) =>
        data.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : data.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "image/png"
        : null;
}
