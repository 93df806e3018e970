using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class DeleteAlbumTests
{
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly InMemoryRepository<Song> _songs = new();

    private Task Handle(int id) => new DeleteAlbum.Handler(_albums, new AudioFakes(new InMemoryRepository<MusicPlayer.Domain.Catalog.Song>(), _albums).Library()).Handle(new DeleteAlbum.Command(id), CancellationToken.None);

    [Fact]
    public async Task Handle_KnownId_RemovesOnlyThatAlbum()
    {
        _albums.Seed(TestData.Album(id: 1, title: "One"), TestData.Album(id: 2, title: "Two"), TestData.Album(id: 3, title: "Three"));

        await Handle(2);

        _albums.Items.Select(a => a.Id).Should().Equal(1, 3);
    }

    [Fact]
    public async Task Handle_AlbumWithSongs_LeavesTheSongsInTheCatalog()
    {
        var song1 = TestData.Song(id: 1, title: "One");
        var song2 = TestData.Song(id: 2, title: "Two");
        _songs.Seed(song1, song2);
        var album = TestData.Album(id: 1);
        album.SetSong(song1, 1);
        album.SetSong(song2, 2);
        _albums.Seed(album);

        await Handle(1);

        _albums.Items.Should().BeEmpty();
        _songs.Items.Select(s => s.Id).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFoundAndRemovesNothing()
    {
        _albums.Seed(TestData.Album(id: 1));

        var act = () => Handle(5);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 5 was not found.");
        _albums.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_SameIdTwice_SecondThrowsNotFound()
    {
        _albums.Seed(TestData.Album(id: 1));
        await Handle(1);

        var act = () => Handle(1);

        await act.Should().ThrowAsync<NotFoundException>();
        _albums.Items.Should().BeEmpty();
    }
}
