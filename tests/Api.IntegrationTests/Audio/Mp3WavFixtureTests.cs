using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>Every MP3 and WAV fixture, read by our inspector, agrees with what ffprobe and mutagen said about it.</summary>
public sealed class Mp3WavFixtureTests
{
    public static TheoryData<string> Fixtures() => new(AudioFixtures.Named("mp3-", "wav-"));

    [Fact]
    public void TheFixturesCoverEveryLayoutTheReadersClaim()
    {
        AudioFixtures.Named("mp3-").Should().HaveCountGreaterThanOrEqualTo(9);
        AudioFixtures.Named("wav-").Should().HaveCountGreaterThanOrEqualTo(5);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task AgreesWithTheReferenceTools(string name)
    {
        var expected = AudioFixtures.Expected(name);
        var inspect = () => AudioFixtures.InspectAsync(AudioFixtures.Bytes(name));
        if (name.Contains("refused", StringComparison.Ordinal))
        {
            await inspect.Should().ThrowAsync<UnsupportedAudioException>();
            return;
        }

        var result = await inspect();

        var isMp3 = name.StartsWith("mp3-", StringComparison.Ordinal);
        result.Format.Should().Be(isMp3 ? AudioFormat.Mp3 : AudioFormat.Wav);
        result.Codec.Should().Be(isMp3 ? "mp3" : "pcm");
        expected.GetProperty("codec").GetString().Should().StartWith(isMp3 ? "mp3" : "pcm_");
        result.MimeType.Should().Be(isMp3 ? "audio/mpeg" : "audio/wav");
        var duration = expected.GetProperty("durationSeconds").GetDouble();
        // MP3: with a Xing/Info/VBRI header within 0.1 s (LAME's delay and padding are ours, not ffprobe's), a frame
        // scan within 1 %. WAV: the data size over the byte rate, exactly.
        var tolerance = !isMp3 ? 0.001 : HasVbrHeader(AudioFixtures.Bytes(name)) ? 0.1 : duration * 0.01;
        result.DurationSeconds.Should().BeApproximately(duration, tolerance);
        result.SampleRate.Should().Be(expected.GetProperty("sampleRate").GetInt32());
        result.Channels.Should().Be(expected.GetProperty("channels").GetInt32());
        // ffprobe's bitrate counts the tags' bytes too; ours is the audio's.
        var bitrate = expected.GetProperty("bitRate").GetInt32();
        result.Bitrate.Should().BeInRange((int)(bitrate * 0.6), (int)(bitrate * 1.01));

        AudioFixtures.ShouldMatchExpectedTags(result.Tags, expected);
    }

    [Fact]
    public async Task TheInspectorRegisteredInDependencyInjectionReadsMp3AndWav()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = new string('k', 64),
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();

        provider.GetServices<IFormatReader>().Select(r => r.GetType())
            .Should().Contain([typeof(Mp3Reader), typeof(WavReader)]);
        var inspector = provider.GetRequiredService<IAudioInspector>();
        foreach (var (name, format) in new[] { ("mp3-untagged.mp3", AudioFormat.Mp3), ("wav-pcm16-mono.wav", AudioFormat.Wav) })
        {
            var result = await inspector.InspectAsync(new MemoryByteSource(AudioFixtures.Bytes(name)), CancellationToken.None);
            result.Format.Should().Be(format);
        }
    }

    private static bool HasVbrHeader(byte[] bytes) =>
        bytes.AsSpan().IndexOf("Xing"u8) >= 0 || bytes.AsSpan().IndexOf("Info"u8) >= 0 || bytes.AsSpan().IndexOf("VBRI"u8) >= 0;
}
