using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class RemoveAlbumSongTests
{
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly Song _soWhat = TestData.Song(id: 10, title: "So What");
    private readonly Song _blueInGreen = TestData.Song(id: 11, title: "Blue in Green");
    private readonly Album _kindOfBlue = TestData.Album(id: 1, title: "Kind of Blue");
    private readonly Album _milestones = TestData.Album(id: 2, title: "Milestones");

    public RemoveAlbumSongTests()
    {
        _kindOfBlue.SetSong(_soWhat, 1);
        _kindOfBlue.SetSong(_blueInGreen, 3);
        _milestones.SetSong(_soWhat, 2);
        _albums.Seed(_kindOfBlue, _milestones);
    }

    private Task Handle(int albumId, int songId) =>
        new RemoveAlbumSong.Handler(_albums).Handle(new RemoveAlbumSong.Command(albumId, songId), CancellationToken.None);

    [Fact]
    public async Task Handle_ExistingLink_TakesSongOffAlbum()
    {
        await Handle(1, 10);

        _albums.Items.Single(a => a.Id == 1).Songs.Select(l => l.SongId).Should().Equal(11);
    }

    [Fact]
    public async Task Handle_ExistingLink_SongNoLongerListsThatAlbum()
    {
        await Handle(1, 10);

        _soWhat.Albums.Select(l => l.AlbumId).Should().Equal(2);
    }

    [Fact]
    public async Task Handle_ExistingLink_LeavesOtherAlbumsLinksAlone()
    {
        await Handle(1, 10);

        _albums.Items.Single(a => a.Id == 2).Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(2);
    }

    [Fact]
    public async Task Handle_ExistingLink_KeepsAlbumStored()
    {
        await Handle(1, 10);
        await Handle(1, 11);

        _albums.Items.Select(a => a.Id).Should().Equal(1, 2);
        _albums.Items.Single(a => a.Id == 1).Songs.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_SongNotOnAlbum_ThrowsNotFound()
    {
        var act = () => Handle(2, 11);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 11 on album 2 was not found.");
        _albums.Items.Single(a => a.Id == 2).Songs.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_LinkRemovedTwice_SecondThrowsNotFound()
    {
        await Handle(1, 10);

        var act = () => Handle(1, 10);

        await act.Should().ThrowAsync<NotFoundException>();
        _albums.Items.Single(a => a.Id == 1).Songs.Select(l => l.SongId).Should().Equal(11);
    }

    [Fact]
    public async Task Handle_UnknownAlbum_ThrowsNotFound()
    {
        var act = () => Handle(99, 10);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 99 was not found.");
        _soWhat.Albums.Should().HaveCount(2);
    }
}
