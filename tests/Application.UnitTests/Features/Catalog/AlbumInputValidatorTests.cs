using FluentValidation.TestHelper;
using MusicPlayer.Application.Features.Albums;

namespace MusicPlayer.Application.UnitTests.Features.Catalog;

/// <summary>The shared catalog field rules (CatalogInputValidator), through the album body.</summary>
public sealed class AlbumInputValidatorTests
{
    private static TestValidationResult<AlbumInput> Validate(AlbumInput input) => new AlbumInputValidator().TestValidate(input);

    [Fact]
    public void Validate_MinimalInput_HasNoErrors()
    {
        Validate(TestData.AlbumInput(title: "T", artist: "A", genre: "G")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_FullInput_HasNoErrors()
    {
        Validate(TestData.AlbumInput(description: "Liner notes", coverImageUrl: "https://img.example.com/c.jpg",
            releaseDate: new DateOnly(1959, 8, 17))).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Validate_TitleMissingOrBlank_HasRequiredError(string? title)
    {
        Validate(TestData.AlbumInput(title: title)).ShouldHaveValidationErrorFor(x => x.Title)
            .WithErrorMessage("'title' is required.").Only();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_ArtistMissingOrBlank_HasRequiredError(string? artist)
    {
        Validate(TestData.AlbumInput(artist: artist)).ShouldHaveValidationErrorFor(x => x.Artist)
            .WithErrorMessage("'artist' is required.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Validate_GenreMissingOrBlank_HasRequiredError(string? genre)
    {
        Validate(TestData.AlbumInput(genre: genre)).ShouldHaveValidationErrorFor(x => x.Genre)
            .WithErrorMessage("'genre' is required.");
    }

    [Fact]
    public void Validate_TitleAtHundredChars_HasNoError()
    {
        Validate(TestData.AlbumInput(title: TestData.Chars(100))).ShouldNotHaveValidationErrorFor(x => x.Title);
    }

    [Fact]
    public void Validate_TitleAtHundredOneChars_HasLengthError()
    {
        Validate(TestData.AlbumInput(title: TestData.Chars(101))).ShouldHaveValidationErrorFor(x => x.Title)
            .WithErrorMessage("'title' must be at most 100 characters.");
    }

    [Fact]
    public void Validate_HundredCharsPaddedWithWhiteSpace_CountsTrimmedLength()
    {
        Validate(TestData.AlbumInput(title: "   " + TestData.Chars(100) + "   ", artist: " " + TestData.Chars(100) + " "))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Validate_ArtistLength_LimitIsHundred(int length, bool fails)
    {
        var result = Validate(TestData.AlbumInput(artist: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(x => x.Artist).WithErrorMessage("'artist' must be at most 100 characters.");
        else result.ShouldNotHaveValidationErrorFor(x => x.Artist);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_GenreLength_LimitIsFifty(int length, bool fails)
    {
        var result = Validate(TestData.AlbumInput(genre: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(x => x.Genre).WithErrorMessage("'genre' must be at most 50 characters.");
        else result.ShouldNotHaveValidationErrorFor(x => x.Genre);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_DescriptionMissingOrBlank_HasNoError(string? description)
    {
        Validate(TestData.AlbumInput(description: description)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Validate_DescriptionLength_LimitIsFiveHundred(int length, bool fails)
    {
        var result = Validate(TestData.AlbumInput(description: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(x => x.Description).WithErrorMessage("'description' must be at most 500 characters.");
        else result.ShouldNotHaveValidationErrorFor(x => x.Description);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_CoverImageUrlMissingOrBlank_HasNoError(string? url)
    {
        Validate(TestData.AlbumInput(coverImageUrl: url)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("http://img.example.com/a.jpg")]
    [InlineData("https://img.example.com/a.jpg")]
    [InlineData("HTTPS://IMG.EXAMPLE.COM/A.JPG")]
    [InlineData("https://img.example.com:8443/a.jpg?size=large")]
    [InlineData("  https://img.example.com/a.jpg  ")]
    public void Validate_CoverImageUrlAbsoluteHttp_HasNoError(string url)
    {
        Validate(TestData.AlbumInput(coverImageUrl: url)).ShouldNotHaveValidationErrorFor(x => x.CoverImageUrl);
    }

    [Theory]
    [InlineData("ftp://img.example.com/a.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:a@example.com")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("img.example.com/a.jpg")]
    [InlineData("/images/a.jpg")] // an absolute file path on Unix parses as a file: URI
    [InlineData("a.jpg")]
    [InlineData("not a url")]
    [InlineData("https://")]
    public void Validate_CoverImageUrlNotAbsoluteHttp_HasUrlError(string url)
    {
        Validate(TestData.AlbumInput(coverImageUrl: url)).ShouldHaveValidationErrorFor(x => x.CoverImageUrl)
            .WithErrorMessage("'coverImageUrl' must be an absolute http(s) URL.");
    }

    [Fact]
    public void Validate_CoverImageUrlAt255Chars_HasNoError()
    {
        Validate(TestData.AlbumInput(coverImageUrl: TestData.Url(255))).ShouldNotHaveValidationErrorFor(x => x.CoverImageUrl);
    }

    [Fact]
    public void Validate_CoverImageUrlAt256Chars_HasLengthError()
    {
        Validate(TestData.AlbumInput(coverImageUrl: TestData.Url(256))).ShouldHaveValidationErrorFor(x => x.CoverImageUrl)
            .WithErrorMessage("'coverImageUrl' must be at most 255 characters.");
    }

    [Fact]
    public void Validate_CoverImageUrlTooLongAndNotHttp_ReportsBoth()
    {
        var result = Validate(TestData.AlbumInput(coverImageUrl: "ftp://" + TestData.Chars(300)));

        result.ShouldHaveValidationErrorFor(x => x.CoverImageUrl).WithErrorMessage("'coverImageUrl' must be at most 255 characters.");
        result.ShouldHaveValidationErrorFor(x => x.CoverImageUrl).WithErrorMessage("'coverImageUrl' must be an absolute http(s) URL.");
    }

    [Fact]
    public void Validate_EveryFieldInvalid_ReportsEveryField()
    {
        var result = Validate(new AlbumInput(null, "", TestData.Chars(51), TestData.Chars(501), "nope"));

        result.Errors.Select(e => e.PropertyName).Should().BeEquivalentTo("Title", "Artist", "Genre", "Description", "CoverImageUrl");
    }
}
