using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

public sealed class CreateSongTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));

    private Task<SongDetailDto> Handle(SongInput input) =>
        new CreateSong.Handler(_songs, _clock).Handle(new CreateSong.Command(input), CancellationToken.None);

    [Fact]
    public async Task Handle_ValidInput_StoresSong()
    {
        await Handle(TestData.SongInput(title: "Naima", artist: "John Coltrane", genre: "Jazz",
            fileUrl: "https://cdn.example.com/naima.mp3", duration: 261, description: "Ballad",
            coverImageUrl: "https://img.example.com/n.jpg", releaseDate: new DateOnly(1960, 1, 27)));

        var stored = _songs.Items.Should().ContainSingle().Subject;
        stored.Title.Should().Be("Naima");
        stored.Artist.Should().Be("John Coltrane");
        stored.Genre.Should().Be("Jazz");
        stored.FileUrl.Should().Be("https://cdn.example.com/naima.mp3");
        stored.Duration.Should().Be(261);
        stored.Description.Should().Be("Ballad");
        stored.CoverImageUrl.Should().Be("https://img.example.com/n.jpg");
        stored.ReleaseDate.Should().Be(new DateOnly(1960, 1, 27));
        stored.LikeCount.Should().Be(0);
        stored.Albums.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_ValidInput_ReturnsSongWithNewIdAndNoAlbums()
    {
        _songs.Seed(TestData.Song(title: "Existing"), TestData.Song(title: "Existing 2"));

        var result = await Handle(TestData.SongInput(title: "New", duration: 90));

        result.Id.Should().Be(3);
        result.Title.Should().Be("New");
        result.Duration.Should().Be(90);
        result.LikeCount.Should().Be(0);
        result.Albums.Should().BeEmpty();
        _songs.Items.Should().Contain(s => s.Id == 3 && s.Title == "New");
    }

    [Fact]
    public async Task Handle_ValidInput_StampsBothTimestampsFromTheClock()
    {
        _clock.SetUtcNow(new DateTimeOffset(2030, 6, 7, 8, 9, 10, TimeSpan.Zero));

        var result = await Handle(TestData.SongInput());

        var expected = new DateTime(2030, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        result.CreatedAt.Should().Be(expected);
        result.UpdatedAt.Should().Be(expected);
        _songs.Items.Single().UpdatedAt.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_PaddedText_StoresTrimmedText()
    {
        await Handle(TestData.SongInput(title: " Naima ", artist: " John Coltrane", genre: "Jazz  ",
            fileUrl: "  https://cdn.example.com/naima.mp3  ", description: "   "));

        var stored = _songs.Items.Single();
        stored.Title.Should().Be("Naima");
        stored.Artist.Should().Be("John Coltrane");
        stored.Genre.Should().Be("Jazz");
        stored.FileUrl.Should().Be("https://cdn.example.com/naima.mp3");
        stored.Description.Should().BeNull();
        stored.NormalizedTitle.Should().Be("NAIMA");
        stored.NormalizedArtist.Should().Be("JOHN COLTRANE");
        stored.NormalizedGenre.Should().Be("JAZZ");
    }

    // Validator

    [Fact]
    public void Validate_ValidInput_HasNoErrors()
    {
        new CreateSong.Validator().TestValidate(new CreateSong.Command(TestData.SongInput())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_MissingBody_HasSongError()
    {
        new CreateSong.Validator().TestValidate(new CreateSong.Command(null!)).ShouldHaveValidationErrorFor(c => c.Song);
    }

    [Fact]
    public void Validate_InvalidFields_ReportsEachUnderItsField()
    {
        var result = new CreateSong.Validator().TestValidate(new CreateSong.Command(
            TestData.SongInput(title: null, fileUrl: "   ", duration: 0, coverImageUrl: "not a url")));

        result.ShouldHaveValidationErrorFor(c => c.Song.Title).WithErrorMessage("'title' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Song.FileUrl).WithErrorMessage("'fileUrl' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Song.Duration);
        result.ShouldHaveValidationErrorFor(c => c.Song.CoverImageUrl);
        result.ShouldNotHaveValidationErrorFor(c => c.Song.Artist);
        result.ShouldNotHaveValidationErrorFor(c => c.Song.Genre);
    }
}
