using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;
using static MusicPlayer.Api.IntegrationTests.Audio.FlacOggMp4Fixtures;

namespace MusicPlayer.Api.IntegrationTests.Audio;

public class FlacReaderTests
{
    public static TheoryData<string> Files => Theory(".flac");

    [Theory]
    [MemberData(nameof(Files))]
    public Task Each_fixture_reads_as_ffprobe_and_mutagen_say(string name) => AssertMatchesExpectationAsync(name, AudioFormat.Flac);

    [Fact]
    public void The_fixtures_cover_tags_pictures_mono_and_an_id3_prefix()
    {
        Named(".flac").Should().Contain(["flac-tagged.flac", "flac-mono-22050.flac", "flac-untagged.flac", "flac-id3-prefixed.flac"]);
    }

    [Fact]
    public async Task The_front_cover_is_preferred_over_a_picture_before_it()
    {
        // flac-tagged.flac holds a back cover (PNG, type 4) first, then the front cover (JPEG, type 3).
        var result = await InspectAsync(Bytes("flac-tagged.flac"));

        result.Tags.FrontCover!.MimeType.Should().Be("image/jpeg");
        result.MimeType.Should().Be("audio/flac");
    }

    [Fact]
    public void An_id3_prefixed_file_is_recognised_only_when_fLaC_shows_in_the_head()
    {
        var reader = new FlacReader();
        var prefixed = Bytes("flac-id3-prefixed.flac");
        reader.Matches(prefixed.AsSpan(0, AudioInspector.HeadBytes)).Should().BeTrue();

        // The same ID3 tag claiming to be longer: "fLaC" would be past the head, so the file is left to the MP3 reader.
        var longer = (byte[])prefixed.Clone();
        longer[9] = 0x7F;
        reader.Matches(longer.AsSpan(0, AudioInspector.HeadBytes)).Should().BeFalse();
        reader.Matches("ID3\x04\0\0\0\0\0\0"u8).Should().BeFalse();
        reader.Matches("fLaC"u8).Should().BeTrue();
    }

    [Fact]
    public async Task Metadata_without_an_audio_frame_after_it_is_refused()
    {
        var flac = Bytes("flac-mono-22050.flac");
        var audio = FlacAudioOffset(flac);
        flac[audio].Should().Be(0xFF, "the fixture's first frame follows its metadata");

        await AssertRefusedAsync(flac[..audio]);
        var garbage = (byte[])flac.Clone();
        garbage[audio] = 0x00;
        await AssertRefusedAsync(garbage);
    }

    [Fact]
    public async Task A_block_length_past_the_end_is_refused()
    {
        var flac = Bytes("flac-untagged.flac");
        flac[5] = 0xFF; // STREAMINFO's length: 16 MiB
        await AssertRefusedAsync(flac);
    }

    [Fact]
    public async Task A_first_block_that_is_not_streaminfo_a_short_streaminfo_or_a_zero_sample_rate_is_refused()
    {
        var notFirst = Bytes("flac-untagged.flac");
        notFirst[4] = 1; // PADDING
        await AssertRefusedAsync(notFirst);

        var shortInfo = Bytes("flac-untagged.flac");
        shortInfo[7] = 20;
        await AssertRefusedAsync(shortInfo);

        var noRate = Bytes("flac-untagged.flac");
        noRate[8 + 10] = 0;
        noRate[8 + 11] = 0;
        noRate[8 + 12] &= 0x0F;
        await AssertRefusedAsync(noRate);
    }

    [Fact]
    public async Task An_invalid_block_type_and_a_second_streaminfo_are_refused()
    {
        var flac = Bytes("flac-tagged.flac");
        var second = 4 + 4 + 34;
        var invalid = (byte[])flac.Clone();
        invalid[second] = (byte)(invalid[second] & 0x80 | 127);
        await AssertRefusedAsync(invalid);

        var twice = (byte[])flac.Clone();
        twice[second] = (byte)(twice[second] & 0x80);
        await AssertRefusedAsync(twice);
    }

    [Fact]
    public async Task A_vorbis_comment_block_with_a_count_it_cannot_hold_is_refused()
    {
        var flac = Bytes("flac-tagged.flac");
        var comment = IndexOf(flac, "reference libFLAC") - 4; // the vendor string's length
        comment.Should().BePositive();
        var vendorLength = BitConverter.ToInt32(flac, comment);
        var count = comment + 4 + vendorLength;
        BitConverter.GetBytes(0x8000_0000u).CopyTo(flac, count);
        await AssertRefusedAsync(flac);
    }

    [Fact]
    public async Task Random_bytes_after_the_magic_and_truncations_are_refused()
    {
        var random = new Random(12);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(4, 4096)];
            random.NextBytes(bytes);
            "fLaC"u8.CopyTo(bytes);
            await AssertRefusedAsync(bytes);
        }
        var flac = Bytes("flac-tagged.flac");
        foreach (var length in new[] { 4, 5, 8, 41, 42, 100, FlacAudioOffset(flac) - 1 })
            await AssertRefusedAsync(flac[..length]);
    }

    [Fact]
    public async Task Streaminfo_without_a_total_gives_no_duration_and_no_bitrate()
    {
        var flac = Bytes("flac-untagged.flac");
        // Total samples: the low 4 bits of byte 13 of STREAMINFO and bytes 14..17.
        flac[8 + 13] &= 0xF0;
        for (var i = 14; i < 18; i++) flac[8 + i] = 0;

        var result = await InspectAsync(flac);

        result.DurationSeconds.Should().Be(0);
        result.Bitrate.Should().BeNull();
    }

    [Fact]
    public async Task A_big_flac_is_inspected_from_its_metadata_alone()
    {
        var flac = Bytes("flac-tagged.flac");
        var big = new byte[64 * 1024 * 1024];
        flac.CopyTo(big, 0);
        var source = new MemoryByteSource(big);

        var result = await Inspector.InspectAsync(source, CancellationToken.None);

        result.Format.Should().Be(AudioFormat.Flac);
        source.BytesRead.Should().BeLessThan(64 * 1024);
    }
}
