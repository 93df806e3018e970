using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Catalog;

public sealed class SongTests
{
    [Fact]
    public void Create_ValidDetails_SetsEveryField()
    {
        var song = Song.Create(TestData.SongDetails(TestData.Details(title: "Naima", artist: "John Coltrane", genre: "Jazz",
            description: "Ballad", coverImageUrl: "http://img.example.com/n.jpg", releaseDate: new DateOnly(1960, 1, 27)),
            fileUrl: "https://cdn.example.com/naima.mp3", duration: 261), TestData.Now);

        song.Title.Should().Be("Naima");
        song.Artist.Should().Be("John Coltrane");
        song.Genre.Should().Be("Jazz");
        song.Description.Should().Be("Ballad");
        song.CoverImageUrl.Should().Be("http://img.example.com/n.jpg");
        song.ReleaseDate.Should().Be(new DateOnly(1960, 1, 27));
        song.FileUrl.Should().Be("https://cdn.example.com/naima.mp3");
        song.Duration.Should().Be(261);
        song.LikeCount.Should().Be(0);
        song.Albums.Should().BeEmpty();
        song.CreatedAt.Should().Be(TestData.Now);
        song.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Create_PaddedText_IsTrimmedAndNormalized()
    {
        var song = Song.Create(TestData.SongDetails(TestData.Details(title: " naïma ", artist: " john coltrane", genre: "jazz "),
            fileUrl: "  https://cdn.example.com/naima.mp3  "), TestData.Now);

        song.Title.Should().Be("naïma");
        song.FileUrl.Should().Be("https://cdn.example.com/naima.mp3");
        song.NormalizedTitle.Should().Be("NAÏMA");
        song.NormalizedArtist.Should().Be("JOHN COLTRANE");
        song.NormalizedGenre.Should().Be("JAZZ");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_MissingFileUrl_ThrowsDomainExceptionForFileUrl(string? fileUrl)
    {
        var act = () => Song.Create(TestData.SongDetails(fileUrl: fileUrl), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "fileUrl").WithMessage("'fileUrl' is required.");
    }

    [Theory]
    [InlineData("ftp://cdn.example.com/a.mp3")]
    [InlineData("file:///music/a.mp3")]
    [InlineData("/music/a.mp3")]
    [InlineData("a.mp3")]
    public void Create_FileUrlNotAbsoluteHttp_ThrowsDomainExceptionForFileUrl(string fileUrl)
    {
        var act = () => Song.Create(TestData.SongDetails(fileUrl: fileUrl), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "fileUrl")
            .WithMessage("'fileUrl' must be an absolute http(s) URL.");
    }

    [Fact]
    public void Create_FileUrlAt255Chars_IsAccepted()
    {
        Song.Create(TestData.SongDetails(fileUrl: TestData.Url(255)), TestData.Now).FileUrl.Should().HaveLength(255);
    }

    [Fact]
    public void Create_FileUrlAt256Chars_ThrowsDomainException()
    {
        var act = () => Song.Create(TestData.SongDetails(fileUrl: TestData.Url(256)), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "fileUrl");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(86_400)]
    public void Create_DurationMissingOrInRange_IsAccepted(int? duration)
    {
        Song.Create(TestData.SongDetails(duration: duration), TestData.Now).Duration.Should().Be(duration);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    public void Create_DurationOutOfRange_ThrowsDomainExceptionForDuration(int duration)
    {
        var act = () => Song.Create(TestData.SongDetails(duration: duration), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "duration")
            .WithMessage("'duration' must be between 1 and 86400 seconds.");
    }

    [Fact]
    public void Create_MissingTitle_ThrowsDomainExceptionForTitle()
    {
        var act = () => Song.Create(TestData.SongDetails(TestData.Details(title: " ")), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "title");
    }

    [Fact]
    public void Create_CoverImageUrlNotHttp_ThrowsDomainExceptionForCoverImageUrl()
    {
        var act = () => Song.Create(TestData.SongDetails(TestData.Details(coverImageUrl: "ftp://img.example.com/a.jpg")), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "coverImageUrl");
    }

    [Fact]
    public void Update_Later_ReplacesFieldsAndMovesOnlyUpdatedAt()
    {
        var song = Song.Create(TestData.SongDetails(duration: 100), TestData.Now);
        var later = TestData.Now.AddMinutes(30);

        song.Update(TestData.SongDetails(TestData.Details(title: "Freddie Freeloader"), fileUrl: "http://cdn.example.com/ff.ogg"), later);

        song.Title.Should().Be("Freddie Freeloader");
        song.NormalizedTitle.Should().Be("FREDDIE FREELOADER");
        song.FileUrl.Should().Be("http://cdn.example.com/ff.ogg");
        song.Duration.Should().BeNull();
        song.CreatedAt.Should().Be(TestData.Now);
        song.UpdatedAt.Should().Be(later);
    }

    [Fact]
    public void Update_InvalidFileUrl_ThrowsAndKeepsEveryField()
    {
        var song = Song.Create(TestData.SongDetails(duration: 100), TestData.Now);

        var act = () => song.Update(TestData.SongDetails(TestData.Details(title: "Changed"), fileUrl: "nope", duration: 5), TestData.Now.AddHours(1));

        act.Should().Throw<DomainException>().Where(e => e.Field == "fileUrl");
        song.Title.Should().Be("So What");
        song.Duration.Should().Be(100);
        song.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Update_InvalidDuration_ThrowsAndKeepsEveryField()
    {
        var song = Song.Create(TestData.SongDetails(duration: 100), TestData.Now);

        var act = () => song.Update(TestData.SongDetails(TestData.Details(title: "Changed"), duration: 0), TestData.Now.AddHours(1));

        act.Should().Throw<DomainException>().Where(e => e.Field == "duration");
        song.Title.Should().Be("So What");
        song.Duration.Should().Be(100);
    }
}
