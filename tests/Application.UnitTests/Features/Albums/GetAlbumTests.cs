using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class GetAlbumTests
{
    private readonly InMemoryRepository<Album> _albums = new();

    private Task<AlbumDetailDto> Handle(int id) => new GetAlbum.Handler(_albums).Handle(new GetAlbum.Query(id), CancellationToken.None);

    [Fact]
    public async Task Handle_KnownId_ReturnsAlbumWithItsFields()
    {
        var album = TestData.Album(title: "Blue Train", artist: "John Coltrane", genre: "Hard Bop", description: "1957",
            coverImageUrl: "https://img.example.com/b.jpg", releaseDate: new DateOnly(1958, 1, 1), createdAt: TestData.Minutes(3));
        _albums.Seed(TestData.Album(title: "Other"), album);

        var result = await Handle(album.Id);

        result.Should().BeEquivalentTo(new AlbumDetailDto
        {
            Id = album.Id,
            Title = "Blue Train",
            Artist = "John Coltrane",
            Genre = "Hard Bop",
            Description = "1957",
            CoverImageUrl = "https://img.example.com/b.jpg",
            ReleaseDate = new DateOnly(1958, 1, 1),
            CreatedAt = TestData.Minutes(3),
            UpdatedAt = TestData.Minutes(3),
            SongCount = 0,
        });
    }

    [Fact]
    public async Task Handle_AlbumWithSongs_CountsItsSongs()
    {
        var album = TestData.Album(id: 1);
        var other = TestData.Album(id: 2, title: "Other");
        album.SetSong(TestData.Song(id: 1), 1);
        album.SetSong(TestData.Song(id: 2), null);
        album.SetSong(TestData.Song(id: 3), 3);
        other.SetSong(TestData.Song(id: 4), 1);
        _albums.Seed(album, other);

        var result = await Handle(1);

        result.SongCount.Should().Be(3);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Handle_UnknownId_ThrowsNotFound(int id)
    {
        _albums.Seed(TestData.Album());

        var act = () => Handle(id);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage($"Album {id} was not found.");
    }
}
