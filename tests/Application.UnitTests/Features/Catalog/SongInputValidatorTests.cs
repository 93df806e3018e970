using FluentValidation.TestHelper;
using MusicPlayer.Application.Features.Songs;

namespace MusicPlayer.Application.UnitTests.Features.Catalog;

/// <summary>The song body: the shared catalog rules plus file URL and duration.</summary>
public sealed class SongInputValidatorTests
{
    private static TestValidationResult<SongInput> Validate(SongInput input) => new SongInputValidator().TestValidate(input);

    [Fact]
    public void Validate_MinimalInput_HasNoErrors()
    {
        Validate(new SongInput("T", "A", "G", "https://cdn.example.com/a.mp3")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_FileUrlMissingOrBlank_HasRequiredError(string? fileUrl)
    {
        Validate(TestData.SongInput(fileUrl: fileUrl)).ShouldHaveValidationErrorFor(x => x.FileUrl)
            .WithErrorMessage("'fileUrl' is required.").Only();
    }

    [Theory]
    [InlineData("http://cdn.example.com/a.mp3")]
    [InlineData("https://cdn.example.com/a.mp3")]
    [InlineData(" https://cdn.example.com/a.mp3 ")]
    public void Validate_FileUrlAbsoluteHttp_HasNoError(string fileUrl)
    {
        Validate(TestData.SongInput(fileUrl: fileUrl)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("ftp://cdn.example.com/a.mp3")]
    [InlineData("file:///music/a.mp3")]
    [InlineData("/music/a.mp3")]
    [InlineData("cdn.example.com/a.mp3")]
    [InlineData("a.mp3")]
    public void Validate_FileUrlNotAbsoluteHttp_HasUrlError(string fileUrl)
    {
        Validate(TestData.SongInput(fileUrl: fileUrl)).ShouldHaveValidationErrorFor(x => x.FileUrl)
            .WithErrorMessage("'fileUrl' must be an absolute http(s) URL.");
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    public void Validate_FileUrlLength_LimitIs255(int length, bool fails)
    {
        var result = Validate(TestData.SongInput(fileUrl: TestData.Url(length)));

        if (fails) result.ShouldHaveValidationErrorFor(x => x.FileUrl).WithErrorMessage("'fileUrl' must be at most 255 characters.");
        else result.ShouldNotHaveValidationErrorFor(x => x.FileUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(240)]
    [InlineData(86_400)]
    public void Validate_DurationMissingOrInRange_HasNoError(int? duration)
    {
        Validate(TestData.SongInput(duration: duration)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    [InlineData(int.MaxValue)]
    public void Validate_DurationOutOfRange_HasDurationError(int duration)
    {
        Validate(TestData.SongInput(duration: duration)).ShouldHaveValidationErrorFor(x => x.Duration)
            .WithMessageArgument("From", 1).WithMessageArgument("To", 86_400);
    }

    [Fact]
    public void Validate_DurationError_NamesTheFieldInCamelCase()
    {
        Validate(TestData.SongInput(duration: 0)).Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().StartWith("'duration'");
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Validate_TitleLength_LimitIsHundred(int length, bool fails)
    {
        var result = Validate(TestData.SongInput(title: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(x => x.Title);
        else result.ShouldNotHaveValidationErrorFor(x => x.Title);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_SharedFieldsMissing_HaveRequiredErrors(string? blank)
    {
        var result = Validate(TestData.SongInput(title: blank, artist: blank, genre: blank));

        result.ShouldHaveValidationErrorFor(x => x.Title).WithErrorMessage("'title' is required.");
        result.ShouldHaveValidationErrorFor(x => x.Artist).WithErrorMessage("'artist' is required.");
        result.ShouldHaveValidationErrorFor(x => x.Genre).WithErrorMessage("'genre' is required.");
    }

    [Fact]
    public void Validate_SharedOptionalFieldsInvalid_HaveErrors()
    {
        var result = Validate(TestData.SongInput(description: TestData.Chars(501), coverImageUrl: "ftp://img.example.com/a.jpg"));

        result.ShouldHaveValidationErrorFor(x => x.Description);
        result.ShouldHaveValidationErrorFor(x => x.CoverImageUrl);
    }
}
