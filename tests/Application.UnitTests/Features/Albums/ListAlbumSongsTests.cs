using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class ListAlbumSongsTests
{
    private readonly InMemoryRepository<Album> _albums = new();

    // The links are read from their own repository, as the app reads them from their table: the seeded albums' links.
    private Task<IReadOnlyList<AlbumTrackDto>> Handle(int albumId) =>
        new ListAlbumSongs.Handler(new SpecCatalogReads(new InMemoryRepository<Song>(), new InMemoryRepository<AlbumSong>().Seed(_albums.Items.SelectMany(a => a.Songs).ToArray()),
            new InMemoryRepository<UserLike>(), new InMemoryRepository<Comment>(), _albums), FakeSongUrls.Instance).Handle(new ListAlbumSongs.Query(albumId), CancellationToken.None);

    [Fact]
    public async Task Handle_AlbumWithoutSongs_ReturnsEmptyList()
    {
        _albums.Seed(TestData.Album(id: 1));

        var result = await Handle(1);

        result.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_MixedTracks_NumberedByNumberThenUnnumberedByTitle()
    {
        var album = TestData.Album(id: 1);
        album.SetSong(TestData.Song(id: 1, title: "zebra"), null);
        album.SetSong(TestData.Song(id: 2, title: "Track Ten"), 10);
        album.SetSong(TestData.Song(id: 3, title: "Apple"), null);
        album.SetSong(TestData.Song(id: 4, title: "Track Two"), 2);
        album.SetSong(TestData.Song(id: 5, title: "Mango"), null);
        album.SetSong(TestData.Song(id: 6, title: "Track One"), 1);
        _albums.Seed(album);

        var result = await Handle(1);

        result.Select(t => (t.Title, t.TrackNumber)).Should().Equal(
            ("Track One", 1), ("Track Two", 2), ("Track Ten", 10), ("Apple", null), ("Mango", null), ("zebra", null));
    }

    [Fact]
    public async Task Handle_UnnumberedTracksWithSameTitle_OrdersBySongId()
    {
        var album = TestData.Album(id: 1);
        album.SetSong(TestData.Song(id: 9, title: "Intro"), null);
        album.SetSong(TestData.Song(id: 4, title: "INTRO"), null);
        album.SetSong(TestData.Song(id: 6, title: "intro"), null);
        _albums.Seed(album);

        var result = await Handle(1);

        result.Select(t => t.Id).Should().Equal(4, 6, 9);
    }

    [Fact]
    public async Task Handle_Track_CarriesSongFieldsAndTrackNumber()
    {
        var song = TestData.Song(id: 7, title: "So What", artist: "Miles Davis", genre: "Jazz", duration: 562, likeCount: 4,
            fileUrl: "https://cdn.example.com/7.mp3", description: "Modal", coverImageUrl: "https://img.example.com/7.jpg",
            releaseDate: new DateOnly(1959, 8, 17), createdAt: TestData.Minutes(9));
        var album = TestData.Album(id: 1);
        album.SetSong(song, 1);
        _albums.Seed(album);

        var result = await Handle(1);

        result.Should().ContainSingle().Which.Should().BeEquivalentTo(new AlbumTrackDto
        {
            Id = 7,
            Title = "So What",
            Artist = "Miles Davis",
            Genre = "Jazz",
            FileUrl = "https://cdn.example.com/7.mp3",
            Duration = 562,
            Description = "Modal",
            CoverImageUrl = "https://img.example.com/7.jpg",
            ReleaseDate = new DateOnly(1959, 8, 17),
            LikeCount = 4,
            CreatedAt = TestData.Minutes(9),
            UpdatedAt = TestData.Minutes(9),
            TrackNumber = 1,
        });
    }

    [Fact]
    public async Task Handle_TwoAlbums_ListsOnlyTheRequestedAlbumsSongs()
    {
        var first = TestData.Album(id: 1);
        var second = TestData.Album(id: 2);
        var shared = TestData.Song(id: 1, title: "Shared");
        first.SetSong(shared, 5);
        first.SetSong(TestData.Song(id: 2, title: "Only First"), 1);
        second.SetSong(shared, 1);
        _albums.Seed(first, second);

        var result = await Handle(2);

        result.Select(t => (t.Id, t.TrackNumber)).Should().Equal((1, 1));
    }

    [Fact]
    public async Task Handle_UnknownAlbum_ThrowsNotFound()
    {
        _albums.Seed(TestData.Album(id: 1));

        var act = () => Handle(2);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 2 was not found.");
    }
}
