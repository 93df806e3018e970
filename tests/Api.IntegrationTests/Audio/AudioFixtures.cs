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

    /// <summary>Asserts <paramref name="tags"/> against the <c>tags</c> of a fixture's expectation (mutagen's reading).</summary>
    public static void ShouldMatchExpectedTags(AudioTags tags, JsonElement expected)
    {
        var wanted = expected.GetProperty("tags");
        tags.Title.Should().Be(Text(wanted, "title"));
        (tags.Artists ?? []).Should().Equal(wanted.GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
        tags.Album.Should().Be(Text(wanted, "album"));
        tags.AlbumArtist.Should().Be(Text(wanted, "albumArtist"));
        tags.TrackNumber.Should().Be(Number(wanted, "trackNumber"));
        tags.TrackTotal.Should().Be(Number(wanted, "trackTotal"));
        tags.DiscNumber.Should().Be(Number(wanted, "discNumber"));
        tags.Date.Should().Be(Text(wanted, "date"));
        tags.Genre.Should().Be(Text(wanted, "genre"));
        var cover = wanted.GetProperty("cover");
        if (cover.ValueKind == JsonValueKind.Null)
        {
            tags.FrontCover.Should().BeNull();
        }
        else
        {
            tags.FrontCover.Should().NotBeNull();
            tags.FrontCover!.MimeType.Should().Be(cover.GetProperty("mimeType").GetString());
            tags.FrontCover.Data.Length.Should().Be(cover.GetProperty("size").GetInt32());
        }
    }

    private static string? Text(JsonElement tags, string field) =>
        tags.GetProperty(field).ValueKind == JsonValueKind.Null ? null : tags.GetProperty(field).GetString();

    private static int? Number(JsonElement tags, string field) =>
        tags.GetProperty(field).ValueKind == JsonValueKind.Null ? null : tags.GetProperty(field).GetInt32();
}
