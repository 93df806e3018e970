using System.Text;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

public class VorbisCommentsTests
{
    /// <summary>A comment block as the format lays it out: little-endian lengths, UTF-8.</summary>
    private static byte[] Block(string vendor, params string[] comments)
    {
        using var stream = new MemoryStream();
        void Write(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(BitConverter.GetBytes(bytes.Length));
            stream.Write(bytes);
        }
        Write(vendor);
        stream.Write(BitConverter.GetBytes(comments.Length));
        foreach (var comment in comments) Write(comment);
        return stream.ToArray();
    }

    private static string PictureBase64(int type, string mime, byte[] data)
    {
        using var stream = new MemoryStream();
        void Number(uint value) => stream.Write(FlacOggMp4Fixtures.BigEndian(value));
        Number((uint)type);
        Number((uint)mime.Length);
        stream.Write(Encoding.ASCII.GetBytes(mime));
        Number(0); // description
        Number(16); Number(16); Number(24); Number(0);
        Number((uint)data.Length);
        stream.Write(data);
        return Convert.ToBase64String(stream.ToArray());
    }

    [Fact]
    public void Keys_are_case_insensitive_and_several_artists_stay_apart()
    {
        var (vendor, tags) = VorbisComments.Parse(Block("libVorbis", "title= Song ", "Artist=One", "ARTIST=Two", "artist=  ",
            "ALBUM=Record", "album artist=Band", "TRACKNUMBER=3/12", "DiscNumber=2/3", "DATE=2001", "genre=Jazz", "no equals sign", "=empty key"));

        vendor.Should().Be("libVorbis");
        tags.Should().BeEquivalentTo(new AudioTags("Song", ["One", "Two"], "Record", "Band", 3, 12, 2, "2001", "Jazz"));
    }

    [Theory]
    [InlineData("TRACKTOTAL=9", 9)]
    [InlineData("TOTALTRACKS=8", 8)]
    [InlineData("TRACKTOTAL=x", null)]
    public void The_track_total_comes_from_its_own_comment_when_the_number_has_none(string total, int? expected)
    {
        var (_, tags) = VorbisComments.Parse(Block("v", "TRACKNUMBER=4", total));

        tags.TrackNumber.Should().Be(4);
        tags.TrackTotal.Should().Be(expected);
    }

    [Fact]
    public void Albumartist_wins_over_album_artist_and_no_comments_give_no_tags()
    {
        VorbisComments.Parse(Block("v", "ALBUM ARTIST=Spaced", "ALBUMARTIST=Joined")).Tags.AlbumArtist.Should().Be("Joined");
        VorbisComments.Parse(Block("v")).Tags.Should().Be(AudioTags.None);
    }

    [Fact]
    public void The_front_cover_is_preferred_and_broken_pictures_are_ignored()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 4, 5];
        var (_, tags) = VorbisComments.Parse(Block("v",
            "METADATA_BLOCK_PICTURE=not base64!",
            "METADATA_BLOCK_PICTURE=" + Convert.ToBase64String([0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF]),
            "METADATA_BLOCK_PICTURE=" + PictureBase64(4, "image/png", png),
            "METADATA_BLOCK_PICTURE=" + PictureBase64(3, "", jpeg)));

        tags.FrontCover!.MimeType.Should().Be("image/jpeg", "an empty MIME type is taken from the bytes");
        tags.FrontCover.Data.Should().Equal(jpeg);

        var (_, backOnly) = VorbisComments.Parse(Block("v", "METADATA_BLOCK_PICTURE=" + PictureBase64(4, "image/png", png)));
        backOnly.FrontCover!.MimeType.Should().Be("image/png");

        var (_, link) = VorbisComments.Parse(Block("v", "METADATA_BLOCK_PICTURE=" + PictureBase64(3, "-->", "http://x"u8.ToArray())));
        link.FrontCover.Should().BeNull();
    }

    [Fact]
    public void A_picture_larger_than_the_cover_limit_is_not_kept()
    {
        var picture = new byte[EmbeddedPicture.MaxBytes + 1];
        picture[0] = 0xFF; picture[1] = 0xD8; picture[2] = 0xFF;
        FlacPicture.FromBase64(PictureBase64(3, "image/jpeg", picture)).Should().BeNull();
    }

    [Fact]
    public void A_comment_count_of_two_to_the_31_is_refused_before_anything_is_allocated()
    {
        var block = Block("v", "TITLE=x");
        BitConverter.GetBytes(0x8000_0000u).CopyTo(block, 4 + 1);

        var act = () => VorbisComments.Parse(block);

        act.Should().ThrowExactly<UnsupportedAudioException>();
    }

    [Theory]
    [InlineData(0)] // no vendor length
    [InlineData(3)]
    [InlineData(7)] // no count
    public void A_truncated_block_is_refused(int length)
    {
        var block = Block("ven", "TITLE=x");

        var act = () => VorbisComments.Parse(block.AsSpan(0, length));

        act.Should().ThrowExactly<UnsupportedAudioException>();
    }

    [Fact]
    public void A_length_past_the_end_is_refused()
    {
        var vendorPastEnd = Block("v", "TITLE=x");
        BitConverter.GetBytes(int.MaxValue).CopyTo(vendorPastEnd, 0);
        var commentPastEnd = Block("v", "TITLE=x");
        BitConverter.GetBytes(1000).CopyTo(commentPastEnd, 4 + 1 + 4);

        ((Action)(() => VorbisComments.Parse(vendorPastEnd))).Should().ThrowExactly<UnsupportedAudioException>();
        ((Action)(() => VorbisComments.Parse(commentPastEnd))).Should().ThrowExactly<UnsupportedAudioException>();
    }

    [Theory]
    [InlineData("7", 7, null)]
    [InlineData(" 3 / 12 ", 3, 12)]
    [InlineData("/5", null, 5)]
    [InlineData("-1", null, null)]
    [InlineData("99999999999", null, null)]
    public void Track_numbers_are_read_as_taggers_write_them(string text, int? number, int? total)
    {
        TagNumbers.Split(text).Should().Be((number, total));
    }
}
