using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class CreateAlbumTests
{
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));

    private Task<AlbumDetailDto> Handle(AlbumInput input) =>
        new CreateAlbum.Handler(_albums, _clock).Handle(new CreateAlbum.Command(input), CancellationToken.None);

    [Fact]
    public async Task Handle_ValidInput_StoresAlbum()
    {
        await Handle(TestData.AlbumInput(title: "Blue Train", artist: "John Coltrane", genre: "Hard Bop",
            description: "1957", coverImageUrl: "https://img.example.com/b.jpg", releaseDate: new DateOnly(1958, 1, 1)));

        var stored = _albums.Items.Should().ContainSingle().Subject;
        stored.Title.Should().Be("Blue Train");
        stored.Artist.Should().Be("John Coltrane");
        stored.Genre.Should().Be("Hard Bop");
        stored.Description.Should().Be("1957");
        stored.CoverImageUrl.Should().Be("https://img.example.com/b.jpg");
        stored.ReleaseDate.Should().Be(new DateOnly(1958, 1, 1));
        stored.Songs.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_ValidInput_ReturnsStoredAlbumWithItsNewId()
    {
        _albums.Seed(TestData.Album(title: "Existing"));

        var result = await Handle(TestData.AlbumInput(title: "New"));

        result.Id.Should().Be(2);
        result.Title.Should().Be("New");
        result.SongCount.Should().Be(0);
        _albums.Items.Should().Contain(a => a.Id == 2 && a.Title == "New");
    }

    [Fact]
    public async Task Handle_ValidInput_StampsBothTimestampsFromTheClock()
    {
        _clock.SetUtcNow(new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero));

        var result = await Handle(TestData.AlbumInput());

        var expected = new DateTime(2027, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        result.CreatedAt.Should().Be(expected);
        result.UpdatedAt.Should().Be(expected);
        _albums.Items.Single().CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Handle_PaddedText_StoresTrimmedText()
    {
        var result = await Handle(TestData.AlbumInput(title: "  Blue Train ", artist: "\tJohn Coltrane\n", genre: " Jazz ",
            description: "  notes  ", coverImageUrl: " https://img.example.com/b.jpg "));

        var stored = _albums.Items.Single();
        stored.Title.Should().Be("Blue Train");
        stored.Artist.Should().Be("John Coltrane");
        stored.Genre.Should().Be("Jazz");
        stored.Description.Should().Be("notes");
        stored.CoverImageUrl.Should().Be("https://img.example.com/b.jpg");
        result.Title.Should().Be("Blue Train");
    }

    [Fact]
    public async Task Handle_WhiteSpaceOptionalFields_StoresThemAsMissing()
    {
        await Handle(TestData.AlbumInput(description: "   ", coverImageUrl: " "));

        var stored = _albums.Items.Single();
        stored.Description.Should().BeNull();
        stored.CoverImageUrl.Should().BeNull();
    }

    [Fact]
    public async Task Handle_ValidInput_FillsCaseFoldedSearchColumns()
    {
        await Handle(TestData.AlbumInput(title: "Ça plane", artist: "Plastic Bertrand", genre: "Punk"));

        var stored = _albums.Items.Single();
        stored.NormalizedTitle.Should().Be("ÇA PLANE");
        stored.NormalizedArtist.Should().Be("PLASTIC BERTRAND");
        stored.NormalizedGenre.Should().Be("PUNK");
    }

    [Fact]
    public async Task Handle_TwoAlbums_GetConsecutiveIds()
    {
        var first = await Handle(TestData.AlbumInput(title: "One"));
        var second = await Handle(TestData.AlbumInput(title: "Two"));

        first.Id.Should().Be(1);
        second.Id.Should().Be(2);
        _albums.Items.Select(a => a.Id).Should().Equal(1, 2);
    }

    // Validator

    [Fact]
    public void Validate_ValidInput_HasNoErrors()
    {
        new CreateAlbum.Validator().TestValidate(new CreateAlbum.Command(TestData.AlbumInput())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_MissingBody_HasAlbumError()
    {
        new CreateAlbum.Validator().TestValidate(new CreateAlbum.Command(null!)).ShouldHaveValidationErrorFor(c => c.Album);
    }

    [Fact]
    public void Validate_InvalidFields_ReportsEachUnderItsField()
    {
        var result = new CreateAlbum.Validator().TestValidate(new CreateAlbum.Command(
            TestData.AlbumInput(title: " ", artist: TestData.Chars(101), genre: null, coverImageUrl: "ftp://x.example.com/a.jpg")));

        result.ShouldHaveValidationErrorFor(c => c.Album.Title).WithErrorMessage("'title' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Album.Artist).WithErrorMessage("'artist' must be at most 100 characters.");
        result.ShouldHaveValidationErrorFor(c => c.Album.Genre).WithErrorMessage("'genre' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Album.CoverImageUrl).WithErrorMessage("'coverImageUrl' must be an absolute http(s) URL.");
        result.ShouldNotHaveValidationErrorFor(c => c.Album.Description);
    }
}
