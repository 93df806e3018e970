using Microsoft.Extensions.Logging.Abstractions;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>An <see cref="AudioLibrary"/> over in-memory fakes, sharing the tests' repositories for its reference checks.</summary>
public sealed class AudioFakes(InMemoryRepository<Song> songs, InMemoryRepository<Album> albums, long maxBytes = 1024 * 1024)
{
    public InMemoryAudioStore Store { get; } = new();
    public FakeAudioInspector Inspector { get; } = new();
    public StorageKeyLocks Locks { get; } = new();
    public InMemoryRepository<Domain.Uploads.UploadSession> UploadSessions { get; } = new();

    public AudioLibrary Library() =>
        new(Store, Inspector, new UploadLimits(maxBytes), Locks, songs, albums, UploadSessions, NullLogger<AudioLibrary>.Instance);
}
