using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Audio;
using static MusicPlayer.Api.IntegrationTests.Audio.FlacOggMp4Fixtures;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>
/// Valid FLAC, Ogg and MP4 fixtures, mutated (bytes flipped, the file cut short, a stretch of it copied
/// over another place): the inspector gives a result or a clean refusal, quickly, and never anything else.
/// </summary>
public class FlacOggMp4FuzzTests
{
    private static readonly byte[][] Seeds =
        Named(".flac", ".ogg", ".opus", ".m4a").Select(Bytes).ToArray();

    private sealed record Mutation(int Seed, int Kind, int A, int B, int C, byte Value)
    {
        public byte[] Apply()
        {
            var bytes = (byte[])Seeds[Seed % Seeds.Length].Clone();
            int At(int x) => (int)((uint)x % (uint)bytes.Length);
            switch (Kind % 3)
            {
                case 0: // flip bytes, mostly near the start where the structure is
                    foreach (var x in new[] { A, B, C }) bytes[At(x) % Math.Min(bytes.Length, 4096)] ^= Value == 0 ? (byte)1 : Value;
                    break;
                case 1: // truncate
                    return bytes[..At(A)];
                default: // splice: copy a stretch over another place
                    var from = At(A);
                    var to = At(B);
                    var length = Math.Min((int)((uint)C % 512), Math.Min(bytes.Length - from, bytes.Length - to));
                    bytes.AsSpan(from, length).ToArray().CopyTo(bytes, to);
                    break;
            }
            return bytes;
        }
    }

    [Fact]
    public void Mutated_files_give_a_result_or_a_clean_refusal_in_time()
    {
        Seeds.Should().HaveCountGreaterThan(10);
        var mutations =
            from seed in Gen.Choose(0, Seeds.Length - 1)
            from kind in Gen.Choose(0, 2)
            from a in Gen.Choose(0, int.MaxValue)
            from b in Gen.Choose(0, int.MaxValue)
            from c in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, 255)
            select new Mutation(seed, kind, a, b, c, (byte)value);
        var refused = 0;
        var read = 0;

        Prop.ForAll(mutations.ToArbitrary(), mutation =>
        {
            var bytes = mutation.Apply();
            var clock = Stopwatch.StartNew();
            try
            {
                var result = InspectAsync(bytes).WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                read++;
                return result.DurationSeconds >= 0 && clock.Elapsed < TimeSpan.FromSeconds(2);
            }
            catch (UnsupportedAudioException)
            {
                refused++;
                return clock.Elapsed < TimeSpan.FromSeconds(2);
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));

        refused.Should().BePositive();
        read.Should().BePositive();
    }
}

/// <summary>The readers as the application wires them.</summary>
public sealed class FlacOggMp4RegistrationTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    [Theory]
    [InlineData("flac-tagged.flac", AudioFormat.Flac)]
    [InlineData("ogg-vorbis-tagged.ogg", AudioFormat.OggVorbis)]
    [InlineData("opus-tagged.opus", AudioFormat.OggOpus)]
    [InlineData("m4a-aac-faststart.m4a", AudioFormat.Mp4)]
    public async Task The_container_inspector_reads_each_format(string name, AudioFormat format)
    {
        var inspector = factory.Services.GetRequiredService<IAudioInspector>();

        var result = await inspector.InspectAsync(new Infrastructure.Audio.MemoryByteSource(Bytes(name)), CancellationToken.None);

        result.Format.Should().Be(format);
    }
}
