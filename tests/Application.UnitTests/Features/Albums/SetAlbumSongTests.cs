using FluentValidation.TestHelper;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class SetAlbumSongTests
{
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly InMemoryRepository<Song> _songs = new();

    public SetAlbumSongTests()
    {
        _albums.Seed(TestData.Album(id: 1, title: "Kind of Blue"), TestData.Album(id: 2, title: "Milestones"));
        _songs.Seed(TestData.Song(id: 10, title: "So What"), TestData.Song(id: 11, title: "Freddie Freeloader"));
    }

    private Task Handle(int albumId, int songId, int? trackNumber) =>
        new SetAlbumSong.Handler(_albums, _songs).Handle(new SetAlbumSong.Command(albumId, songId, trackNumber), CancellationToken.None);

    private Album StoredAlbum(int id) => _albums.Items.Single(a => a.Id == id);

    private Song StoredSong(int id) => _songs.Items.Single(s => s.Id == id);

    [Fact]
    public async Task Handle_NewLink_PutsSongOnAlbumWithTrackNumber()
    {
        await Handle(1, 10, 3);

        var link = StoredAlbum(1).Songs.Should().ContainSingle().Subject;
        link.SongId.Should().Be(10);
        link.AlbumId.Should().Be(1);
        link.TrackNumber.Should().Be(3);
        link.Song.Should().BeSameAs(StoredSong(10));
    }

    [Fact]
    public async Task Handle_NewLink_SongListsTheAlbumToo()
    {
        await Handle(1, 10, 3);

        StoredSong(10).Albums.Should().ContainSingle().Which.Should().BeSameAs(StoredAlbum(1).Songs.Single());
    }

    [Fact]
    public async Task Handle_NoTrackNumber_LinksWithoutNumber()
    {
        await Handle(1, 10, null);

        StoredAlbum(1).Songs.Should().ContainSingle().Which.TrackNumber.Should().BeNull();
    }

    [Fact]
    public async Task Handle_SameSongTwice_UpdatesTrackNumberWithoutSecondLink()
    {
        await Handle(1, 10, 3);

        await Handle(1, 10, 7);

        StoredAlbum(1).Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(7);
        StoredSong(10).Albums.Should().ContainSingle().Which.TrackNumber.Should().Be(7);
    }

    [Fact]
    public async Task Handle_SameSongTwiceWithoutNumber_ClearsTrackNumber()
    {
        await Handle(1, 10, 3);

        await Handle(1, 10, null);

        StoredAlbum(1).Songs.Should().ContainSingle().Which.TrackNumber.Should().BeNull();
    }

    [Fact]
    public async Task Handle_SongOnTwoAlbums_KeepsBothLinks()
    {
        await Handle(1, 10, 1);
        await Handle(2, 10, 4);

        StoredSong(10).Albums.Select(l => (l.AlbumId, l.TrackNumber)).Should().BeEquivalentTo(new[] { (1, (int?)1), (2, (int?)4) });
        StoredAlbum(1).Songs.Should().ContainSingle();
        StoredAlbum(2).Songs.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_TwoSongs_AddsBoth()
    {
        await Handle(1, 10, 1);
        await Handle(1, 11, 2);

        StoredAlbum(1).Songs.Select(l => (l.SongId, l.TrackNumber)).Should().Equal((10, 1), (11, 2));
    }

    [Fact]
    public async Task Handle_UnknownAlbum_ThrowsNotFoundAndLinksNothing()
    {
        var act = () => Handle(99, 10, 1);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 99 was not found.");
        StoredSong(10).Albums.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_UnknownSong_ThrowsNotFoundAndLinksNothing()
    {
        var act = () => Handle(1, 99, 1);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 99 was not found.");
        StoredAlbum(1).Songs.Should().BeEmpty();
    }

    // Validator

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(9999)]
    public void Validate_TrackNumberMissingOrInRange_HasNoErrors(int? trackNumber)
    {
        new SetAlbumSong.Validator().TestValidate(new SetAlbumSong.Command(1, 1, trackNumber)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10000)]
    public void Validate_TrackNumberOutOfRange_HasTrackNumberError(int trackNumber)
    {
        new SetAlbumSong.Validator().TestValidate(new SetAlbumSong.Command(1, 1, trackNumber))
            .ShouldHaveValidationErrorFor(c => c.TrackNumber)
            .WithMessageArgument("From", 1).WithMessageArgument("To", 9999);
    }
}
