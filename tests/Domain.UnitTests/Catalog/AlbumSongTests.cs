using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Catalog;

/// <summary>The album-song link: owned by the album, mirrored on the song, with an optional track number.</summary>
public sealed class AlbumSongTests
{
    private readonly Album _album = TestData.Album(id: 1, title: "Kind of Blue");
    private readonly Album _other = TestData.Album(id: 2, title: "Milestones");
    private readonly Song _soWhat = TestData.Song(id: 10, title: "So What");
    private readonly Song _blueInGreen = TestData.Song(id: 11, title: "Blue in Green");

    [Fact]
    public void SetSong_NewSong_AddsLinkWithBothEnds()
    {
        _album.SetSong(_soWhat, 1);

        var link = _album.Songs.Should().ContainSingle().Subject;
        link.Album.Should().BeSameAs(_album);
        link.Song.Should().BeSameAs(_soWhat);
        link.AlbumId.Should().Be(1);
        link.SongId.Should().Be(10);
        link.TrackNumber.Should().Be(1);
    }

    [Fact]
    public void SetSong_NewSong_SongListsTheSameLink()
    {
        _album.SetSong(_soWhat, 1);

        _soWhat.Albums.Should().ContainSingle().Which.Should().BeSameAs(_album.Songs.Single());
    }

    [Fact]
    public void SetSong_WithoutTrackNumber_LinksUnnumbered()
    {
        _album.SetSong(_soWhat, null);

        _album.Songs.Single().TrackNumber.Should().BeNull();
    }

    [Fact]
    public void SetSong_SameSongAgain_UpdatesTrackNumberWithoutSecondLink()
    {
        _album.SetSong(_soWhat, 1);
        var first = _album.Songs.Single();

        _album.SetSong(_soWhat, 5);

        _album.Songs.Should().ContainSingle().Which.Should().BeSameAs(first);
        first.TrackNumber.Should().Be(5);
        _soWhat.Albums.Should().ContainSingle().Which.TrackNumber.Should().Be(5);
    }

    [Fact]
    public void SetSong_SameSongAgainWithoutNumber_ClearsTrackNumber()
    {
        _album.SetSong(_soWhat, 3);

        _album.SetSong(_soWhat, null);

        _album.Songs.Single().TrackNumber.Should().BeNull();
    }

    [Fact]
    public void SetSong_TwoSongs_LinksBoth()
    {
        _album.SetSong(_soWhat, 1);
        _album.SetSong(_blueInGreen, 3);

        _album.Songs.Select(l => (l.SongId, l.TrackNumber)).Should().Equal((10, 1), (11, 3));
        _soWhat.Albums.Should().ContainSingle();
        _blueInGreen.Albums.Should().ContainSingle();
    }

    [Fact]
    public void SetSong_SongOnTwoAlbums_SongListsBoth()
    {
        _album.SetSong(_soWhat, 1);
        _other.SetSong(_soWhat, 7);

        _soWhat.Albums.Select(l => (l.AlbumId, l.TrackNumber)).Should().Equal((1, 1), (2, 7));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9_999)]
    public void SetSong_TrackNumberAtBounds_IsAccepted(int trackNumber)
    {
        _album.SetSong(_soWhat, trackNumber);

        _album.Songs.Single().TrackNumber.Should().Be(trackNumber);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000)]
    [InlineData(int.MinValue)]
    public void SetSong_NewLinkWithTrackNumberOutOfRange_ThrowsAndLinksNothing(int trackNumber)
    {
        var act = () => _album.SetSong(_soWhat, trackNumber);

        act.Should().Throw<DomainException>().Where(e => e.Field == "trackNumber")
            .WithMessage("'trackNumber' must be between 1 and 9999.");
        _album.Songs.Should().BeEmpty();
        _soWhat.Albums.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public void SetSong_ExistingLinkWithTrackNumberOutOfRange_ThrowsAndKeepsOldNumber(int trackNumber)
    {
        _album.SetSong(_soWhat, 4);

        var act = () => _album.SetSong(_soWhat, trackNumber);

        act.Should().Throw<DomainException>().Where(e => e.Field == "trackNumber");
        _album.Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(4);
    }

    [Fact]
    public void RemoveSong_LinkedSong_RemovesBothSidesAndReturnsTrue()
    {
        _album.SetSong(_soWhat, 1);
        _album.SetSong(_blueInGreen, 2);

        var removed = _album.RemoveSong(10);

        removed.Should().BeTrue();
        _album.Songs.Select(l => l.SongId).Should().Equal(11);
        _soWhat.Albums.Should().BeEmpty();
        _blueInGreen.Albums.Should().ContainSingle();
    }

    [Fact]
    public void RemoveSong_SongOnTwoAlbums_KeepsTheOtherAlbumsLink()
    {
        _album.SetSong(_soWhat, 1);
        _other.SetSong(_soWhat, 2);

        _album.RemoveSong(10);

        _soWhat.Albums.Should().ContainSingle().Which.Album.Should().BeSameAs(_other);
        _other.Songs.Should().ContainSingle();
    }

    [Fact]
    public void RemoveSong_SongNotOnAlbum_ReturnsFalseAndChangesNothing()
    {
        _album.SetSong(_soWhat, 1);

        var removed = _album.RemoveSong(11);

        removed.Should().BeFalse();
        _album.Songs.Should().ContainSingle();
        _soWhat.Albums.Should().ContainSingle();
    }

    [Fact]
    public void RemoveSong_Twice_SecondReturnsFalse()
    {
        _album.SetSong(_soWhat, 1);
        _album.RemoveSong(10);

        _album.RemoveSong(10).Should().BeFalse();
    }

    [Fact]
    public void SetSong_AfterRemove_LinksAgainWithNewNumber()
    {
        _album.SetSong(_soWhat, 1);
        _album.RemoveSong(10);

        _album.SetSong(_soWhat, 9);

        _album.Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(9);
        _soWhat.Albums.Should().ContainSingle().Which.TrackNumber.Should().Be(9);
    }
}
