using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

public sealed class DeleteSongTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly AudioFakes _audio;

    public DeleteSongTests() => _audio = new AudioFakes(_songs, _albums);

    private readonly InMemoryRepository<Playlist> _playlists = new();
    private readonly InMemoryRepository<PlaylistEntry> _entries = new();

    private Task Handle(int id) => new DeleteSong.Handler(_songs, new InMemoryPlaylistStore(_playlists, _entries, _songs), new InMemoryPlayStore(), new ImmediateTransactions(),
        _audio.Library(), TimeProvider.System).Handle(new DeleteSong.Command(id), CancellationToken.None);

    [Fact]
    public async Task Handle_KnownId_RemovesOnlyThatSong()
    {
        _songs.Seed(TestData.Song(id: 1), TestData.Song(id: 2), TestData.Song(id: 3));

        await Handle(1);

        _songs.Items.Select(s => s.Id).Should().Equal(2, 3);
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFoundAndRemovesNothing()
    {
        _songs.Seed(TestData.Song(id: 1));

        var act = () => Handle(9);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 9 was not found.");
        _songs.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_SameIdTwice_SecondThrowsNotFound()
    {
        _songs.Seed(TestData.Song(id: 1));
        await Handle(1);

        var act = () => Handle(1);

        await act.Should().ThrowAsync<NotFoundException>();
        _songs.Items.Should().BeEmpty();
    }
}
