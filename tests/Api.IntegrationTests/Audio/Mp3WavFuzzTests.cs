using FsCheck;
using FsCheck.Fluent;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>
/// Valid MP3 and WAV fixtures, mutated (bytes flipped, cut short, spliced with their own bytes, ranges zeroed or
/// set to FF), are either read or refused with <see cref="UnsupportedAudioException"/>, within a time bound each.
/// </summary>
public sealed class Mp3WavFuzzTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private static readonly byte[][] Originals = AudioFixtures.Named("mp3-", "wav-").Select(AudioFixtures.Bytes).ToArray();

    [Fact]
    public void MutatedFilesAreReadOrRefusedInTime()
    {
        var outcomes = new int[2]; // read, refused
        var property = Prop.ForAll(Arb.From(Mutations()), bytes => InspectsCleanly(bytes, outcomes));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);

        // The mutations reach both sides: some files still read, some are refused.
        outcomes[0].Should().BePositive();
        outcomes[1].Should().BePositive();
    }

    private static bool InspectsCleanly(byte[] bytes, int[] outcomes)
    {
        var inspector = AudioFixtures.Inspector();
        // A thread of its own, and the clock started on it: the bound is the inspector's time, not
        // the time a busy thread pool (the rest of the suite runs beside) takes to start the work.
        using var started = new ManualResetEventSlim();
        var run = Task.Factory.StartNew(() =>
        {
            using var cancellation = new CancellationTokenSource(Bound);
            started.Set();
            return inspector.InspectAsync(new MemoryByteSource(bytes), cancellation.Token).GetAwaiter().GetResult();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            started.Wait();
            if (!run.Wait(Bound + TimeSpan.FromSeconds(1))) return false; // a hang
            var result = run.Result;
            outcomes[0]++;
            return result.DurationSeconds >= 0 && !double.IsNaN(result.DurationSeconds);
        }
        catch (AggregateException e) when (e.InnerException is UnsupportedAudioException)
        {
            outcomes[1]++;
            return true;
        }
    }

    private static Gen<byte[]> Mutations() =>
        from original in Gen.Elements(Originals)
        from kind in Gen.Choose(0, 4)
        from a in Gen.Choose(0, original.Length - 1)
        from b in Gen.Choose(0, original.Length - 1)
        from count in Gen.Choose(1, 64)
        from value in Gen.Choose(0, 255)
        select Mutate(original, kind, a, b, count, (byte)value);

    private static byte[] Mutate(byte[] original, int kind, int a, int b, int count, byte value)
    {
        var bytes = (byte[])original.Clone();
        switch (kind)
        {
            case 0: // flip bytes from a on, every b-th one
                for (var i = 0; i < count; i++) bytes[(a + i * (b % 97 + 1)) % bytes.Length] ^= (byte)(value | 1);
                return bytes;
            case 1: // cut short
                return bytes[..a];
            case 2: // splice: a range copied over another place
                var length = Math.Min(count * 16, bytes.Length - Math.Max(a, b));
                Array.Copy(original, a, bytes, b, length);
                return bytes;
            case 3: // splice: a range inserted again, or dropped
                var (from, to) = (Math.Min(a, b), Math.Max(a, b));
                return value % 2 == 0
                    ? bytes[..to].Concat(bytes[from..to]).Concat(bytes[to..]).ToArray()
                    : bytes[..from].Concat(bytes[to..]).ToArray();
            default: // a range set to 00 or FF (sizes and sync words)
                Array.Fill(bytes, value % 2 == 0 ? (byte)0 : (byte)0xFF, a, Math.Min(count, bytes.Length - a));
                return bytes;
        }
    }
}
