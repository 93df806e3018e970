using System.Text;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// Recognises files made by <see cref="File"/>: the text <c>AUDIO:</c> then a name the test registered
/// tags for with <see cref="Returns"/>. Anything else is refused as the real inspector refuses it.
/// </summary>
public sealed class FakeAudioInspector : IAudioInspector
{
    private const string Magic = "AUDIO:";
    private readonly Dictionary<string, AudioInspection> _files = new(StringComparer.Ordinal);

    /// <summary>The bytes of a fake audio file called <paramref name="name"/>.</summary>
    public static byte[] File(string name) => Encoding.UTF8.GetBytes(Magic + name);

    public static AudioInspection Inspection(AudioTags? tags = null, double durationSeconds = 61.4321) =>
        new(AudioFormat.OggVorbis, "audio/ogg", "vorbis", durationSeconds, 160_000, 44_100, 2, tags ?? AudioTags.None);

    public FakeAudioInspector Returns(string name, AudioInspection inspection)
    {
        _files[name] = inspection;
        return this;
    }

    public async Task<AudioInspection> InspectAsync(IByteSource source, CancellationToken cancellationToken)
    {
        var bytes = new byte[(int)Math.Min(source.Length, 1024)];
        var read = await source.ReadAsync(0, bytes, cancellationToken);
        var text = Encoding.UTF8.GetString(bytes, 0, read);
        return text.StartsWith(Magic, StringComparison.Ordinal) && _files.TryGetValue(text[Magic.Length..], out var inspection)
            ? inspection
            : throw new UnsupportedAudioException("The file is not audio in a supported format.");
    }
}
