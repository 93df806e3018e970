using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;
using static MusicPlayer.Api.IntegrationTests.Audio.FlacOggMp4Fixtures;

namespace MusicPlayer.Api.IntegrationTests.Audio;

public class OggReaderTests
{
    public static TheoryData<string> VorbisFiles => Theory(".ogg");
    public static TheoryData<string> OpusFiles => Theory(".opus");
    public static TheoryData<string> Unsupported =>
        new(Directory.EnumerateFiles(Path.Combine(Folder, "unsupported")).Where(f => !f.EndsWith(".mp4")).Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(VorbisFiles))]
    public Task Each_vorbis_fixture_reads_as_ffprobe_and_mutagen_say(string name) => AssertMatchesExpectationAsync(name, AudioFormat.OggVorbis);

    [Theory]
    [MemberData(nameof(OpusFiles))]
    public Task Each_opus_fixture_reads_as_ffprobe_and_mutagen_say(string name) => AssertMatchesExpectationAsync(name, AudioFormat.OggOpus);

    [Fact]
    public void The_fixtures_cover_vorbis_opus_mono_and_a_comment_header_across_pages()
    {
        Named(".ogg", ".opus").Should().Contain(["ogg-vorbis-tagged.ogg", "ogg-vorbis-mono-22050.ogg", "ogg-vorbis-big-comment.ogg",
            "opus-tagged.opus", "opus-mono-22050.opus"]);
        // The big comment's packet starts on the second page and goes on over the next ones.
        var pages = OggPages(Bytes("ogg-vorbis-big-comment.ogg"));
        pages.Count.Should().BeGreaterThan(4);
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public async Task Ogg_streams_other_than_vorbis_and_opus_are_refused(string name)
    {
        await AssertRefusedAsync(File.ReadAllBytes(Path.Combine(Folder, "unsupported", name)));
    }

    [Fact]
    public async Task Opus_duration_leaves_out_the_pre_skip_and_counts_at_48_kHz()
    {
        var opus = Bytes("opus-mono-22050.opus");
        var result = await InspectAsync(opus);

        // opusenc: 1 s of input, 312 samples of pre-skip; the last granule is 48,312 (ffprobe says 1.0065 s, counting the pre-skip).
        result.DurationSeconds.Should().BeApproximately(1.0, 0.001);
        result.SampleRate.Should().Be(48000);
        result.MimeType.Should().Be("audio/ogg; codecs=opus");
    }

    [Fact]
    public async Task Vorbis_reports_its_nominal_bitrate()
    {
        var ogg = Bytes("ogg-vorbis-tagged.ogg");
        var result = await InspectAsync(ogg);

        result.Bitrate.Should().Be(BitConverter.ToInt32(ogg, 28 + 20));
        result.MimeType.Should().Be("audio/ogg");
    }

    [Fact]
    public async Task Header_pages_without_audio_pages_are_refused()
    {
        foreach (var name in new[] { "ogg-vorbis-mono-22050.ogg", "opus-mono-22050.opus" })
        {
            var file = Bytes(name);
            var pages = OggPages(file);
            // Vorbis: identification, comment + setup; Opus: identification, tags. Keep the header pages only.
            var headerPages = name.EndsWith(".opus") ? 2 : 2;
            var end = pages[headerPages - 1].Offset + pages[headerPages - 1].Length;
            await AssertRefusedAsync(file[..end]);
        }
    }

    [Fact]
    public async Task A_damaged_page_crc_a_page_past_the_end_and_a_truncated_header_are_refused()
    {
        var ogg = Bytes("ogg-vorbis-big-comment.ogg");
        var badCrc = (byte[])ogg.Clone();
        badCrc[22] ^= 0xFF;
        await AssertRefusedAsync(badCrc);

        var pastEnd = (byte[])ogg.Clone();
        pastEnd[26] = 255; // 255 segments on the first page: its table and body run over the next pages, CRC and all
        await AssertRefusedAsync(pastEnd);

        var pages = OggPages(ogg);
        await AssertRefusedAsync(ogg[..(pages[2].Offset + 100)]); // inside the comment packet
        await AssertRefusedAsync(ogg[..20]);
    }

    [Fact]
    public async Task A_comment_count_of_two_to_the_31_is_refused()
    {
        var opus = Bytes("opus-mono-22050.opus");
        var tags = IndexOf(opus, "OpusTags");
        var vendorLength = BitConverter.ToInt32(opus, tags + 8);
        var count = tags + 12 + vendorLength;
        BitConverter.GetBytes(0x8000_0000u).CopyTo(opus, count);
        FixCrc(opus, OggPages(opus)[1]);

        await AssertRefusedAsync(opus);
    }

    [Fact]
    public async Task Random_bytes_after_the_capture_pattern_are_refused()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(4, 8192)];
            random.NextBytes(bytes);
            "OggS"u8.CopyTo(bytes);
            await AssertRefusedAsync(bytes);
        }
    }

    [Fact]
    public async Task An_ogg_padded_to_many_megabytes_is_read_from_its_headers_and_tail()
    {
        // Real pages repeated: the headers, the first audio page 3,000 times (~12 MB), then the rest.
        var ogg = Bytes("ogg-vorbis-tagged.ogg");
        var pages = OggPages(ogg);
        var audio = pages[2];
        using var big = new MemoryStream();
        big.Write(ogg, 0, audio.Offset);
        for (var i = 0; i < 3000; i++) big.Write(ogg, audio.Offset, audio.Length);
        big.Write(ogg, audio.Offset, ogg.Length - audio.Offset);
        var source = new MemoryByteSource(big.ToArray());

        var result = await Inspector.InspectAsync(source, CancellationToken.None);

        source.Length.Should().BeGreaterThan(10_000_000);
        result.DurationSeconds.Should().BeApproximately(2.0, 0.01);
        result.Tags.Artists.Should().Equal("First Artist", "Second Artist");
        source.BytesRead.Should().BeLessThan(OggReader.TailBytes + 32 * 1024);
    }

    [Fact]
    public void The_page_crc_is_the_ogg_crc()
    {
        var ogg = Bytes("opus-tagged.opus");
        foreach (var (offset, length) in OggPages(ogg))
            OggReader.Crc(ogg.AsSpan(offset, length)).Should().Be(BitConverter.ToUInt32(ogg, offset + 22));
    }

    private static void FixCrc(byte[] ogg, (int Offset, int Length) page) =>
        BitConverter.GetBytes(OggReader.Crc(ogg.AsSpan(page.Offset, page.Length))).CopyTo(ogg, page.Offset + 22);
}
