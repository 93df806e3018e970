using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class UpdateAlbumTests
{
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now.AddDays(1)));

    private Task<AlbumDetailDto> Handle(int id, AlbumInput input) =>
        new UpdateAlbum.Handler(_albums, _clock).Handle(new UpdateAlbum.Command(id, input), CancellationToken.None);

    [Fact]
    public async Task Handle_KnownId_ReplacesEveryField()
    {
        var album = TestData.Album(title: "Old", artist: "Old Artist", genre: "Old Genre", description: "old",
            coverImageUrl: "https://img.example.com/old.jpg", releaseDate: new DateOnly(2000, 1, 1));
        _albums.Seed(album);

        await Handle(album.Id, TestData.AlbumInput(title: "New", artist: "New Artist", genre: "New Genre",
            description: null, coverImageUrl: null, releaseDate: null));

        var stored = _albums.Items.Single();
        stored.Title.Should().Be("New");
        stored.Artist.Should().Be("New Artist");
        stored.Genre.Should().Be("New Genre");
        stored.Description.Should().BeNull();
        stored.CoverImageUrl.Should().BeNull();
        stored.ReleaseDate.Should().BeNull();
        stored.NormalizedTitle.Should().Be("NEW");
        stored.NormalizedArtist.Should().Be("NEW ARTIST");
        stored.NormalizedGenre.Should().Be("NEW GENRE");
    }

    [Fact]
    public async Task Handle_KnownId_ReturnsUpdatedAlbum()
    {
        var album = TestData.Album(title: "Old");
        _albums.Seed(album);

        var result = await Handle(album.Id, TestData.AlbumInput(title: "  New  ", coverImageUrl: "http://img.example.com/n.png"));

        result.Id.Should().Be(album.Id);
        result.Title.Should().Be("New");
        result.CoverImageUrl.Should().Be("http://img.example.com/n.png");
    }

    [Fact]
    public async Task Handle_KnownId_ChangesUpdatedAtButNotCreatedAt()
    {
        var album = TestData.Album(createdAt: TestData.Now);
        _albums.Seed(album);
        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero));

        var result = await Handle(album.Id, TestData.AlbumInput(title: "Changed"));

        var expected = new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        result.CreatedAt.Should().Be(TestData.Now);
        result.UpdatedAt.Should().Be(expected);
        _albums.Items.Single().CreatedAt.Should().Be(TestData.Now);
        _albums.Items.Single().UpdatedAt.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_AlbumWithSongs_KeepsLinksAndReportsSongCount()
    {
        var album = TestData.Album(id: 1);
        album.SetSong(TestData.Song(id: 1), 1);
        album.SetSong(TestData.Song(id: 2), 2);
        _albums.Seed(album);

        var result = await Handle(1, TestData.AlbumInput(title: "Remastered"));

        result.SongCount.Should().Be(2);
        _albums.Items.Single().Songs.Select(l => l.SongId).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Handle_KnownId_LeavesOtherAlbumsAlone()
    {
        _albums.Seed(TestData.Album(id: 1, title: "One"), TestData.Album(id: 2, title: "Two"));

        await Handle(2, TestData.AlbumInput(title: "Changed"));

        _albums.Items.Single(a => a.Id == 1).Title.Should().Be("One");
        _albums.Items.Single(a => a.Id == 1).UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFoundAndChangesNothing()
    {
        _albums.Seed(TestData.Album(id: 1, title: "One"));

        var act = () => Handle(2, TestData.AlbumInput(title: "Changed"));

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 2 was not found.");
        _albums.Items.Should().ContainSingle().Which.Title.Should().Be("One");
    }

    // Validator

    [Fact]
    public void Validate_ValidInput_HasNoErrors()
    {
        new UpdateAlbum.Validator().TestValidate(new UpdateAlbum.Command(1, TestData.AlbumInput())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_MissingBody_HasAlbumError()
    {
        new UpdateAlbum.Validator().TestValidate(new UpdateAlbum.Command(1, null!)).ShouldHaveValidationErrorFor(c => c.Album);
    }

    [Fact]
    public void Validate_InvalidFields_ReportsEachUnderItsField()
    {
        var result = new UpdateAlbum.Validator().TestValidate(new UpdateAlbum.Command(1,
            TestData.AlbumInput(title: TestData.Chars(101), artist: "", genre: TestData.Chars(51), description: TestData.Chars(501))));

        result.ShouldHaveValidationErrorFor(c => c.Album.Title);
        result.ShouldHaveValidationErrorFor(c => c.Album.Artist);
        result.ShouldHaveValidationErrorFor(c => c.Album.Genre);
        result.ShouldHaveValidationErrorFor(c => c.Album.Description);
    }
}
