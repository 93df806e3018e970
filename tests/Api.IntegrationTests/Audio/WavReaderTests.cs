using System.Buffers.Binary;
using System.Text;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>The WAV reader on broken and unusual RIFF files: each is refused with a 415, never another exception or a hang.</summary>
public sealed class WavReaderTests
{
    private static readonly byte[] Plain = AudioFixtures.Bytes("wav-pcm16-mono.wav");

    [Fact]
    public async Task AChunkSizePastTheEndIsRefused()
    {
        var bytes = (byte[])Plain.Clone();
        var data = Find(bytes, "data");
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(data + 4), uint.MaxValue);

        await Refused(bytes);
    }

    [Fact]
    public async Task AFormatChunkTooShortIsRefused() =>
        await Refused(Riff(Chunk("fmt ", new byte[14]), Chunk("data", new byte[100])));

    [Fact]
    public async Task AZeroByteRateIsRefused()
    {
        var format = Format(1, channels: 1, rate: 8000, byteRate: 0);
        await Refused(Riff(Chunk("fmt ", format), Chunk("data", new byte[100])));
    }

    [Fact]
    public async Task ANonPcmExtensibleSubformatIsRefused()
    {
        var bytes = AudioFixtures.Bytes("wav-extensible-24bit.wav");
        var format = Find(bytes, "fmt ") + 8;
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(format)).Should().Be(0xFFFE);
        bytes[format + 24] = 3; // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT

        await Refused(bytes);
    }

    [Fact]
    public async Task AFileWithoutADataChunkIsRefused() =>
        await Refused(Riff(Chunk("fmt ", Format(1, 1, 8000, 16000))));

    [Fact]
    public async Task EndlessEmptyChunksAreRefusedAtTheBound()
    {
        var chunks = Enumerable.Repeat(Chunk("junk", []), 5000).Prepend(Chunk("fmt ", Format(1, 1, 8000, 16000))).ToArray();
        await Refused(Riff(chunks));
    }

    [Fact]
    public async Task OddSizedChunksArePaddedAndInfoIsRead()
    {
        var info = "INFO"u8.ToArray().Concat(Chunk("INAM", "Odd\0"u8.ToArray()[..3])).Concat(Chunk("ITRK", "4/8"u8.ToArray())).ToArray();
        var bytes = Riff(Chunk("fmt ", Format(1, 2, 8000, 32000)), Chunk("odd ", new byte[3]), Chunk("LIST", info), Chunk("data", new byte[64_000]));

        var result = await AudioFixtures.InspectAsync(bytes);

        result.DurationSeconds.Should().Be(2.0);
        result.Channels.Should().Be(2);
        result.Bitrate.Should().Be(256_000);
        result.Tags.Title.Should().Be("Odd");
        result.Tags.TrackNumber.Should().Be(4);
        result.Tags.TrackTotal.Should().Be(8);
    }

    [Fact]
    public async Task ARiffSizePastTheEndIsTakenAsTheFilesEnd()
    {
        var bytes = (byte[])Plain.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), uint.MaxValue);

        var result = await AudioFixtures.InspectAsync(bytes);

        result.DurationSeconds.Should().Be(1.0);
    }

    private static async Task Refused(byte[] bytes)
    {
        var inspect = () => AudioFixtures.InspectAsync(bytes);
        await inspect.Should().ThrowAsync<UnsupportedAudioException>();
    }

    private static int Find(byte[] bytes, string id) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(id));

    private static byte[] Format(ushort tag, ushort channels, uint rate, uint byteRate)
    {
        var format = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(format, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(4), rate);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(8), byteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), (ushort)(2 * channels));
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), 16);
        return format;
    }

    private static byte[] Chunk(string id, byte[] body)
    {
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        var padding = body.Length % 2 == 1 ? new byte[1] : [];
        return Encoding.ASCII.GetBytes(id).Concat(size).Concat(body).Concat(padding).ToArray();
    }

    private static byte[] Riff(params byte[][] chunks)
    {
        var body = "WAVE"u8.ToArray().Concat(chunks.SelectMany(c => c)).ToArray();
        return Chunk("RIFF", body);
    }
}
