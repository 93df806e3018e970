using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Audio;

namespace MusicPlayer.Api.IntegrationTests.Audio;

/// <summary>
/// The fixtures made by tests/Fixtures/audio/make.sh (real encoders and taggers) and what the reference
/// tools said about each, in its <c>.expected.json</c>: ffprobe for stream properties, mutagen for tags.
/// </summary>
internal static class AudioFixtures
{
    public static string Folder => Path.Combine(SourceTree.Root, "tests", "Fixtures", "audio", "files");

    /// <summary>The fixtures whose names start with one of <paramref name="prefixes"/> (one format family each).</summary>
    public static IEnumerable<string> Named(params string[] prefixes) =>
        Directory.EnumerateFiles(Folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.EndsWith(".expected.json", StringComparison.Ordinal)
                           && prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static JsonElement Expected(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".expected.json"))).RootElement;

    /// <summary>The inspector with this worktree's readers, as DI registers them.</summary>
    public static AudioInspector Inspector() => new([new Mp3Reader(), new WavReader()]);

    public static Task<AudioInspection> InspectAsync(byte[] bytes) =>
        Inspector().InspectAsync(new MemoryByteSource(bytes), CancellationToken.None);
}
