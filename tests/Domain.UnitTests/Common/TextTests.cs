using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Common;

public sealed class TextTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  \t\r\n ", null)]
    [InlineData(" a ", "a")]
    [InlineData("a b", "a b")]
    public void Clean_Value_TrimsAndTurnsBlankIntoNull(string? value, string? expected)
    {
        Text.Clean(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("abc", "ABC")]
    [InlineData(" Mixed Case ", "MIXED CASE")]
    [InlineData("éàü", "ÉÀÜ")]
    public void Normalize_Value_TrimsAndUpperCasesInvariantly(string value, string expected)
    {
        Text.Normalize(value).Should().Be(expected).And.Be(value.Trim().ToUpperInvariant());
    }

    [Fact]
    public void Required_AtMaxLength_ReturnsTrimmedValue()
    {
        Text.Required("  abc  ", "field", 3).Should().Be("abc");
    }

    [Fact]
    public void Required_OverMaxLength_ThrowsWithFieldAndLimit()
    {
        var act = () => Text.Required("abcd", "field", 3);

        act.Should().Throw<DomainException>().Where(e => e.Field == "field").WithMessage("'field' must be at most 3 characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Required_Blank_ThrowsRequired(string? value)
    {
        var act = () => Text.Required(value, "field", 3);

        act.Should().Throw<DomainException>().Where(e => e.Field == "field").WithMessage("'field' is required.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Optional_Blank_ReturnsNull(string? value)
    {
        Text.Optional(value, "field", 3).Should().BeNull();
    }

    [Fact]
    public void Optional_OverMaxLength_Throws()
    {
        var act = () => Text.Optional("abcd", "field", 3);

        act.Should().Throw<DomainException>().Where(e => e.Field == "field");
    }

    [Theory]
    [InlineData("http://example.com", true)]
    [InlineData("https://example.com/a?b=c#d", true)]
    [InlineData("HTTP://EXAMPLE.COM", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("file:///tmp/a", false)]
    [InlineData("/tmp/a", false)] // parses as an absolute file: URI on Unix
    [InlineData("example.com", false)]
    [InlineData("", false)]
    [InlineData("http//example.com", false)]
    public void IsHttpUrl_Value_AcceptsOnlyAbsoluteHttpOrHttps(string value, bool expected)
    {
        Text.IsHttpUrl(value).Should().Be(expected);
    }

    [Fact]
    public void OptionalUrl_Blank_ReturnsNull()
    {
        Text.OptionalUrl("  ", "url", 255).Should().BeNull();
    }

    [Fact]
    public void OptionalUrl_PaddedHttpUrl_ReturnsTrimmed()
    {
        Text.OptionalUrl(" https://example.com/a ", "url", 255).Should().Be("https://example.com/a");
    }

    [Fact]
    public void OptionalUrl_NotHttp_ThrowsForField()
    {
        var act = () => Text.OptionalUrl("ftp://example.com", "url", 255);

        act.Should().Throw<DomainException>().Where(e => e.Field == "url").WithMessage("'url' must be an absolute http(s) URL.");
    }

    [Fact]
    public void DomainException_FieldAndMessage_AreExposed()
    {
        var exception = new DomainException("title", "'title' is required.");

        exception.Field.Should().Be("title");
        exception.Message.Should().Be("'title' is required.");
    }
}
