using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>
/// The MP3 reader on hostile and hand-laid inputs: layouts no tagger here writes (an ID3v2.3 extended header,
/// TYER with TDAT, a VBRI header, an APEv2 tag, an oversized cover), what a file of 50 MB costs to read, and
/// refusals (415) for anything that is not decodable MP3 audio.
/// </summary>
public sealed class Mp3ReaderTests
{
    private static readonly byte[] Untagged = AudioFixtures.Bytes("mp3-untagged.mp3");

    [Fact]
    public async Task RandomBytesAreRefused()
    {
        var random = new byte[64 * 1024];
        new Random(12).NextBytes(random);
        random[0] = 0xFF; // even when they start like a frame header
        random[1] = 0xFB;
        random[2] = 0x90;
        random[3] = 0x00;

        await Refused(random);
    }

    [Fact]
    public async Task AnId3TagWhoseSizeRunsPastTheEndIsRefused()
    {
        var bytes = Tag(3, 0, Frame("TIT2", Latin1Text("Title"))).Concat(Untagged).ToArray();
        Synchsafe(bytes.Length).CopyTo(bytes, 6); // with its 10-byte header, 10 bytes past the end

        Id3v2.ReadHeader(bytes).Should().NotBeNull();

        await Refused(bytes);
    }

    [Fact]
    public async Task AnId3TagFollowedByJunkIsRefused()
    {
        var junk = new byte[20_000];
        new Random(3).NextBytes(junk);
        for (var i = 0; i < junk.Length; i++) if (junk[i] == 0xFF) junk[i] = 0x7F; // no sync at all

        await Refused(Tag(4, 0, Frame("TIT2", Latin1Text("Only a tag"))).Concat(junk).ToArray());
        await Refused(Tag(4, 0, Frame("TIT2", Latin1Text("Nothing after it"))));
    }

    [Fact]
    public async Task AFileCutInsideItsFirstFramesIsRefused()
    {
        var audio = AudioFixtures.Bytes("mp3-cbr-noheader-v1.mp3");
        var tag = Tag(3, 0, Frame("TIT2", Latin1Text("Cut")));

        await Refused(tag.Concat(audio.Take(200)).ToArray()); // one frame and a bit: not three frames
        await Refused(audio.Take(3).ToArray());
    }

    [Fact]
    public void TheFirstBytesDecideWhetherItIsMp3()
    {
        var reader = new Mp3Reader();
        reader.Matches("ID3"u8).Should().BeTrue();
        reader.Matches(Untagged.AsSpan(0, 4)).Should().BeTrue();
        reader.Matches("RIFF"u8).Should().BeFalse();
        reader.Matches([0xFF, 0xF1, 0x50, 0x80]).Should().BeFalse(); // AAC in ADTS: layer bits 00
        reader.Matches([0xFF, 0xFB, 0xF0, 0x00]).Should().BeFalse(); // bitrate index 15
        reader.Matches([0xFF, 0xFB, 0x9C, 0x00]).Should().BeFalse(); // sample rate index 3
    }

    [Fact]
    public async Task AnId3v23ExtendedHeaderIsSkippedAndTyerWithTdatIsADate()
    {
        var extended = new byte[] { 0, 0, 0, 6, 0, 0, 0, 0, 0, 0 }; // size 6 (not counting itself), flags, padding size
        var frames = Frame("TIT2", Latin1Text("Behind the extended header"))
            .Concat(Frame("TYER", Latin1Text("2003"))).Concat(Frame("TDAT", Latin1Text("0705"))).ToArray();
        var bytes = Tag(3, 0x40, extended.Concat(frames).ToArray()).Concat(Untagged).ToArray();

        var result = await AudioFixtures.InspectAsync(bytes);

        result.Tags.Title.Should().Be("Behind the extended header");
        result.Tags.Date.Should().Be("2003-05-07");
    }

    [Fact]
    public async Task Utf16WithABigEndianBomAndSeveralValuesAreRead()
    {
        var value = new byte[] { 1, 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes("Eins\0")).Concat(new byte[] { 0xFE, 0xFF })
            .Concat(Encoding.BigEndianUnicode.GetBytes("Zwei")).ToArray();
        var bytes = Tag(4, 0, Frame("TPE1", value, synchsafe: true)).Concat(Untagged).ToArray();

        var result = await AudioFixtures.InspectAsync(bytes);

        result.Tags.Artists.Should().Equal("Eins", "Zwei");
    }

    [Fact]
    public async Task AnId3v24TagUnsynchronisedAsAWholeIsReadFrameByFrame()
    {
        byte[] title = [0, (byte)'a', 0xFF, 0x00, (byte)'b']; // "aÿb" with FF 00 for FF
        var bytes = Tag(4, 0x80, Frame("TIT2", title, synchsafe: true)).Concat(Untagged).ToArray();

        var result = await AudioFixtures.InspectAsync(bytes);

        result.Tags.Title.Should().Be("a\u00FFb");
    }

    [Fact]
    public async Task CompressedOrEncryptedId3v23FramesAreSkipped()
    {
        var compressed = Frame("TIT2", Latin1Text("zlib bytes"));
        compressed[8] = 0x00;
        compressed[9] = 0x80; // compression
        var bytes = Tag(3, 0, compressed.Concat(Frame("TALB", Latin1Text("Plain album"))).ToArray()).Concat(Untagged).ToArray();

        var result = await AudioFixtures.InspectAsync(bytes);

        result.Tags.Title.Should().BeNull();
        result.Tags.Album.Should().Be("Plain album");
    }

    [Theory]
    [InlineData("(17)", "Rock")]
    [InlineData("17", "Rock")]
    [InlineData("(17)Rock", "Rock")]
    [InlineData("(8)Acid Jazz", "Jazz")]
    [InlineData("(RX)", "Remix")]
    [InlineData("(CR)", "Cover")]
    [InlineData("(999)", "Unknown")]
    [InlineData("((Brackets))", "(Brackets))")]
    [InlineData("Shoegaze", "Shoegaze")]
    [InlineData("191", "Psybient")]
    public void NumericGenresAreNamed(string tcon, string genre) => Id3v2.Genre([tcon]).Should().Be(genre);

    [Fact]
    public async Task APictureLargerThanTheBoundIsIgnored()
    {
        var picture = new byte[EmbeddedPicture.MaxBytes + 1];
        var apic = new byte[] { 0 }.Concat("image/png\0"u8.ToArray()).Concat(new byte[] { 3, 0 }).Concat(picture).ToArray();
        var bytes = Tag(3, 0, Frame("TIT2", Latin1Text("Big")).Concat(Frame("APIC", apic)).ToArray()).Concat(Untagged).ToArray();

        var result = await AudioFixtures.InspectAsync(bytes);

        result.Tags.Title.Should().Be("Big");
        result.Tags.FrontCover.Should().BeNull();
    }

    [Fact]
    public async Task AVbriHeaderGivesTheDuration()
    {
        // The first frame of a headerless MPEG-2 file, turned into a VBRI frame claiming 500 frames.
        var bytes = AudioFixtures.Bytes("mp3-untagged.mp3");
        Mp3Reader.Frame.TryParse(bytes, out var first).Should().BeTrue();
        var vbri = bytes.Take(first.Length).ToArray();
        Array.Clear(vbri, 4, vbri.Length - 4);
        "VBRI"u8.CopyTo(vbri.AsSpan(36));
        BinaryPrimitives.WriteUInt16BigEndian(vbri.AsSpan(40), 1);
        BinaryPrimitives.WriteUInt32BigEndian(vbri.AsSpan(46), (uint)(500 * first.Length));
        BinaryPrimitives.WriteUInt32BigEndian(vbri.AsSpan(50), 500);
        var file = vbri.Concat(Repeat(bytes.AsSpan(0, bytes.Length / first.Length * first.Length), 500 * first.Length)).ToArray();

        var result = await AudioFixtures.InspectAsync(file);

        result.DurationSeconds.Should().BeApproximately(500.0 * first.SamplesPerFrame / first.SampleRate, 1e-9);
    }

    [Fact]
    public async Task A50MegabyteFileWithAXingHeaderIsInspectedFromItsHeadAndTail()
    {
        var fixture = AudioFixtures.Bytes("mp3-vbr-xing-v24-utf8.mp3");
        var large = new byte[50 * 1024 * 1024];
        fixture.CopyTo(large, 0);
        var (start, end) = FrameRun(fixture);
        var frames = fixture.AsSpan(start, end - start);
        for (var at = fixture.Length; at + frames.Length <= large.Length; at += frames.Length) frames.CopyTo(large.AsSpan(at));
        var source = new MemoryByteSource(large);

        var result = await AudioFixtures.Inspector().InspectAsync(source, CancellationToken.None);

        result.DurationSeconds.Should().BeApproximately(AudioFixtures.Expected("mp3-vbr-xing-v24-utf8.mp3").GetProperty("durationSeconds").GetDouble(), 0.1);
        source.BytesRead.Should().BeLessThan(200 * 1024);
    }

    [Fact]
    public async Task ALongConstantBitrateFileWithoutAHeaderTakesItsDurationFromItsSizeAndIgnoresTheApeAndId3v1Tags()
    {
        var fixture = AudioFixtures.Bytes("mp3-cbr-noheader-v1.mp3");
        var (start, end) = FrameRun(fixture);
        Mp3Reader.Frame.TryParse(fixture.AsSpan(start), out var frame).Should().BeTrue();
        var audio = Repeat(fixture.AsSpan(start, end - start), 4 * 1024 * 1024);
        var ape = ApeTag(10_000);
        var file = audio.Concat(ape).Concat(fixture.AsSpan(fixture.Length - 128).ToArray()).ToArray();
        var source = new MemoryByteSource(file);

        var result = await AudioFixtures.Inspector().InspectAsync(source, CancellationToken.None);

        result.DurationSeconds.Should().BeApproximately(audio.Length * 8.0 / frame.Bitrate, 0.01);
        result.Bitrate.Should().Be(frame.Bitrate);
        result.Tags.Title.Should().Be("Version One");
        source.BytesRead.Should().BeLessThan(Mp3Reader.CbrProbeBytes + 200 * 1024);
    }

    [Fact]
    public async Task ALongVariableBitrateFileWithoutAHeaderIsScannedWithinItsBound()
    {
        var fixture = AudioFixtures.Bytes("mp3-vbr-noheader-v24-utf16be.mp3");
        var (start, end) = FrameRun(fixture);
        var run = fixture.AsSpan(start, end - start);
        var copies = 2000;
        var file = Repeat(run, run.Length * copies);
        var scanned = await AudioFixtures.InspectAsync(fixture);
        var source = new MemoryByteSource(file);

        var result = await AudioFixtures.Inspector().InspectAsync(source, CancellationToken.None);

        // Extrapolated from the first 8 MiB of a 19 MB stream made of one run repeated: the run's duration times the copies.
        result.DurationSeconds.Should().BeApproximately(scanned.DurationSeconds * copies, scanned.DurationSeconds * copies * 0.01);
        source.BytesRead.Should().BeLessThan(Mp3Reader.ScanLimitBytes + 200 * 1024);
    }

    private static async Task Refused(byte[] bytes)
    {
        var inspect = () => AudioFixtures.InspectAsync(bytes);
        await inspect.Should().ThrowAsync<UnsupportedAudioException>();
    }

    /// <summary>The offsets of the run of whole frames after the ID3v2 tag, up to the first thing that is not one.</summary>
    internal static (int Start, int End) FrameRun(byte[] file)
    {
        var start = Id3v2.ReadHeader(file) is { } header ? (int)header.TotalSize : 0;
        var end = start;
        while (Mp3Reader.Frame.TryParse(file.AsSpan(end), out var frame) && end + frame.Length <= file.Length) end += frame.Length;
        return (start, end);
    }

    private static byte[] Repeat(ReadOnlySpan<byte> run, int length)
    {
        var bytes = new byte[length / run.Length * run.Length];
        for (var at = 0; at < bytes.Length; at += run.Length) run.CopyTo(bytes.AsSpan(at));
        return bytes;
    }

    private static byte[] ApeTag(int itemBytes)
    {
        var footer = new byte[32];
        "APETAGEX"u8.CopyTo(footer);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(8), 2000);
        BinaryPrimitives.WriteUInt32LittleEndian(footer.AsSpan(12), (uint)(itemBytes + 32));
        return new byte[itemBytes].Concat(footer).ToArray();
    }

    internal static byte[] Tag(int version, byte flags, byte[] body) =>
        "ID3"u8.ToArray().Concat(new byte[] { (byte)version, 0, flags }).Concat(Synchsafe(body.Length)).Concat(body).ToArray();

    internal static byte[] Frame(string id, byte[] content, bool synchsafe = false)
    {
        var size = new byte[4];
        if (synchsafe) Synchsafe(content.Length).CopyTo(size, 0);
        else BinaryPrimitives.WriteInt32BigEndian(size, content.Length);
        return Encoding.ASCII.GetBytes(id).Concat(size).Concat(new byte[2]).Concat(content).ToArray();
    }

    internal static byte[] Latin1Text(string text) => new byte[] { 0 }.Concat(Encoding.Latin1.GetBytes(text)).ToArray();

    internal static byte[] Synchsafe(int n) => [(byte)((n >> 21) & 0x7F), (byte)((n >> 14) & 0x7F), (byte)((n >> 7) & 0x7F), (byte)(n & 0x7F)];
}
