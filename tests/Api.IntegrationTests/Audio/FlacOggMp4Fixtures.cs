using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>
/// The FLAC, Ogg and MP4 fixtures of tests/Fixtures/audio/files (made by real encoders and taggers with
/// make.sh) and the inspector as the application wires it, compared with what ffprobe and mutagen said.
/// </summary>
internal static class FlacOggMp4Fixtures
{
    public static string Folder => AudioFixtures.Folder;

    public static IEnumerable<string> Named(params string[] extensions) =>
        Directory.EnumerateFiles(Folder)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Theory(params string[] extensions) => new(Named(extensions));

    public static byte[] Bytes(string name) => AudioFixtures.Bytes(name);

    public static IAudioInspector Inspector { get; } =
        new AudioInspector([new FlacReader(), new OggReader(), new Mp4Reader()]);

    public static Task<AudioInspection> InspectAsync(byte[] bytes) => Inspector.InspectAsync(new MemoryByteSource(bytes), CancellationToken.None);

    /// <summary>Asserts the inspection of fixture <paramref name="name"/> against its expected.json.</summary>
    public static async Task AssertMatchesExpectationAsync(string name, AudioFormat format)
    {
        var result = await InspectAsync(Bytes(name));
        var expected = AudioFixtures.Expected(name);

        result.Format.Should().Be(format);
        result.Codec.Should().Be(expected.GetProperty("codec").GetString());
        result.DurationSeconds.Should().BeApproximately(expected.GetProperty("durationSeconds").GetDouble(), 0.1);
        result.SampleRate.Should().Be(expected.GetProperty("sampleRate").GetInt32());
        result.Channels.Should().Be(expected.GetProperty("channels").GetInt32());
        result.Bitrate.Should().BePositive();

        AudioFixtures.ShouldMatchExpectedTags(result.Tags, expected);
    }

    /// <summary>Inspects <paramref name="bytes"/> and asserts a clean refusal: <see cref="UnsupportedAudioException"/>, nothing else.</summary>
    public static async Task AssertRefusedAsync(byte[] bytes)
    {
        var act = () => InspectAsync(bytes);
        await act.Should().ThrowExactlyAsync<UnsupportedAudioException>();
    }

    /// <summary>Offset of the first byte after the metadata blocks of a FLAC file that starts with "fLaC".</summary>
    public static int FlacAudioOffset(byte[] flac)
    {
        var position = 4;
        while (true)
        {
            var last = (flac[position] & 0x80) != 0;
            position += 4 + (flac[position + 1] << 16 | flac[position + 2] << 8 | flac[position + 3]);
            if (last) return position;
        }
    }

    /// <summary>The Ogg pages of a file, as (offset, length), by their headers.</summary>
    public static List<(int Offset, int Length)> OggPages(byte[] ogg)
    {
        List<(int, int)> pages = [];
        for (var at = 0; at < ogg.Length;)
        {
            int segments = ogg[at + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++) length += ogg[at + 27 + i];
            pages.Add((at, length));
            at += length;
        }
        return pages;
    }

    /// <summary>Big-endian 32-bit write, for building hostile atoms and blocks.</summary>
    public static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    public static int IndexOf(byte[] data, string ascii, int from = 0) =>
        data.AsSpan(from).IndexOf(System.Text.Encoding.Latin1.GetBytes(ascii)) is var i and >= 0 ? from + i : -1;
}
