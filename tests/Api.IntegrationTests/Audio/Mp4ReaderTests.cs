using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;
using static MusicPlayer.Api.IntegrationTests.Audio.FlacOggMp4Fixtures;

namespace MusicPlayer.Api.IntegrationTests.Audio;

public class Mp4ReaderTests
{
    public static TheoryData<string> Files => Theory(".m4a");

    [Theory]
    [MemberData(nameof(Files))]
    public Task Each_fixture_reads_as_ffprobe_and_mutagen_say(string name) => AssertMatchesExpectationAsync(name, AudioFormat.Mp4);

    [Fact]
    public void The_fixtures_cover_aac_alac_faststart_and_moov_at_the_end()
    {
        Named(".m4a").Should().Contain(["m4a-aac-faststart.m4a", "m4a-aac-moov-at-end.m4a", "m4a-alac-mono-22050.m4a", "m4a-aac-untagged.m4a"]);
        var atEnd = Bytes("m4a-aac-moov-at-end.m4a");
        IndexOf(atEnd, "moov").Should().BeGreaterThan(IndexOf(atEnd, "mdat"));
        var fast = Bytes("m4a-aac-faststart.m4a");
        IndexOf(fast, "moov").Should().BeLessThan(IndexOf(fast, "mdat"));
    }

    [Fact]
    public async Task A_numeric_gnre_is_the_id3_genre_it_numbers()
    {
        // AtomicParsley wrote --genre Rock as gnre 18 (ID3v1 genre 17 + 1).
        var m4a = Bytes("m4a-aac-faststart.m4a");
        IndexOf(m4a, "gnre").Should().BePositive();

        var result = await InspectAsync(m4a);

        result.Tags.Genre.Should().Be("Rock");
        result.MimeType.Should().Be("audio/mp4");
    }

    [Fact]
    public async Task A_video_only_mp4_is_refused()
    {
        await AssertRefusedAsync(File.ReadAllBytes(Path.Combine(Folder, "unsupported", "mp4-video-only.mp4")));
    }

    [Fact]
    public async Task An_mp4a_entry_that_is_not_aac_or_a_quicktime_sound_entry_is_refused()
    {
        var m4a = Bytes("m4a-aac-untagged.m4a");
        // ffmpeg's esds: version/flags, ES_Descriptor (tag 3, 4-byte length, ES_ID, flags), DecoderConfigDescriptor (tag 4, 4-byte length, object type).
        var objectType = IndexOf(m4a, "esds") + 4 + 4 + 5 + 3 + 5;
        m4a[objectType].Should().Be(0x40);
        var mp3InMp4 = (byte[])m4a.Clone();
        mp3InMp4[objectType] = 0x6B;
        await AssertRefusedAsync(mp3InMp4);

        var version1 = (byte[])m4a.Clone();
        version1[IndexOf(m4a, "mp4a") + 4 + 8 + 1] = 1;
        await AssertRefusedAsync(version1);

        var other = (byte[])m4a.Clone();
        "ac-3"u8.CopyTo(other.AsSpan(IndexOf(m4a, "mp4a")));
        await AssertRefusedAsync(other);
    }

    [Fact]
    public void The_channels_of_aac_come_from_its_audio_specific_config()
    {
        // ffmpeg's mono AAC says 2 channels in its sample entry and 1 in its AudioSpecificConfig (0x13 0x88: AAC LC, 22.05 kHz, mono).
        var m4a = Bytes("m4a-aac-untagged.m4a");
        var esds = IndexOf(m4a, "esds");
        var body = m4a.AsSpan(esds + 4, (int)BitConverter.ToUInt32(m4a.AsSpan(esds - 4, 4).ToArray().Reverse().ToArray()) - 8);

        Mp4Reader.ReadEsds(body).Should().Be(new Mp4Reader.AacConfig(1));
        var withoutInfo = body.ToArray();
        withoutInfo[4 + 5 + 3 + 5 + 13].Should().Be(0x05);
        withoutInfo[4 + 5 + 3 + 5 + 13] = 0x06; // not a DecoderSpecificInfo
        Mp4Reader.ReadEsds(withoutInfo).Should().Be(new Mp4Reader.AacConfig(null), "without its DecoderSpecificInfo the sample entry stands");
        Mp4Reader.ReadEsds(body[..20]).Should().BeNull("a descriptor longer than the esds is not readable");
    }

    [Fact]
    public async Task An_unknown_brand_and_a_file_without_moov_are_refused()
    {
        var m4a = Bytes("m4a-aac-untagged.m4a");
        var qt = (byte[])m4a.Clone();
        var ftypSize = (int)BitConverter.ToUInt32(m4a.AsSpan(0, 4).ToArray().Reverse().ToArray());
        for (var at = 8; at + 4 <= ftypSize; at += 4) "zzzz"u8.CopyTo(qt.AsSpan(at));
        await AssertRefusedAsync(qt);

        var noMoov = (byte[])m4a.Clone();
        "moox"u8.CopyTo(noMoov.AsSpan(IndexOf(m4a, "moov")));
        await AssertRefusedAsync(noMoov);
    }

    [Theory]
    [InlineData(0u)] // to the end of its parent: moov then swallows the rest, which is not a valid tree
    [InlineData(1u)] // a 64-bit size follows: here a huge one
    [InlineData(7u)] // smaller than its own header
    [InlineData(0x7FFF_FFFFu)] // past the end
    public async Task An_atom_size_that_lies_is_refused(uint size)
    {
        var m4a = Bytes("m4a-aac-untagged.m4a");
        var mvhd = IndexOf(m4a, "mvhd") - 4;
        BigEndian(size).CopyTo(m4a, mvhd);
        if (size == 1) BigEndian(0xFFFF_FFFF).CopyTo(m4a, mvhd + 8);
        await AssertRefusedAsync(m4a);
    }

    [Fact]
    public async Task A_size_zero_last_atom_runs_to_the_end_of_the_file()
    {
        var m4a = Bytes("m4a-aac-untagged.m4a");
        var mdat = IndexOf(m4a, "mdat") - 4;
        BigEndian(0).CopyTo(m4a, mdat);

        var result = await InspectAsync(m4a);

        result.Codec.Should().Be("aac");
        result.Bitrate.Should().BePositive();
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        // ftyp, then moov › trak › 40 nested mdia atoms.
        var ftyp = Bytes("m4a-aac-untagged.m4a")[..28];
        byte[] inner = [];
        for (var i = 0; i < 40; i++) inner = [.. BigEndian((uint)(inner.Length + 8)), .. "mdia"u8, .. inner];
        byte[] trak = [.. BigEndian((uint)(inner.Length + 8)), .. "trak"u8, .. inner];
        byte[] moov = [.. BigEndian((uint)(trak.Length + 8)), .. "moov"u8, .. trak];
        await AssertRefusedAsync([.. ftyp, .. moov]);
    }

    [Fact]
    public async Task Random_bytes_after_ftyp_and_truncations_are_refused()
    {
        var m4a = Bytes("m4a-aac-faststart.m4a");
        var random = new Random(3);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(28, 8192)];
            random.NextBytes(bytes);
            m4a.AsSpan(0, 28).CopyTo(bytes);
            await AssertRefusedAsync(bytes);
        }
        foreach (var length in new[] { 12, 30, 100, 1000, 3000, m4a.Length - 1 })
            await AssertRefusedAsync(m4a[..length]);
    }

    [Fact]
    public async Task A_big_mdat_is_never_read_before_or_after_moov()
    {
        var atEnd = Bytes("m4a-aac-moov-at-end.m4a");
        var moovStart = IndexOf(atEnd, "moov") - 4;
        var mdatBody = new byte[100 * 1024 * 1024];
        // ftyp, a 100 MiB mdat (64-bit size), then the fixture's moov.
        byte[] header = [.. BigEndian(1), .. "mdat"u8, .. BigEndian(0), .. BigEndian((uint)(mdatBody.Length + 16))];
        var file = new byte[28 + header.Length + mdatBody.Length + (atEnd.Length - moovStart)];
        atEnd.AsSpan(0, 28).CopyTo(file);
        header.CopyTo(file, 28);
        atEnd.AsSpan(moovStart).CopyTo(file.AsSpan(28 + header.Length + mdatBody.Length));
        var source = new MemoryByteSource(file);

        var result = await Inspector.InspectAsync(source, CancellationToken.None);

        result.Tags.Title.Should().Be("Moov At End");
        result.DurationSeconds.Should().BeApproximately(2.0, 0.1);
        source.BytesRead.Should().BeLessThan(64 * 1024);
    }
}
