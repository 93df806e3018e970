using MusicPlayer.Domain.Comments;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Comments;

public sealed class CommentTests
{
    [Fact]
    public void Create_TrimsTheBodyAndStampsBothTimes()
    {
        var comment = Comment.Create(3, 7, "  <b>Nice</b>\n  ", TestData.Now);

        comment.SongId.Should().Be(3);
        comment.AuthorId.Should().Be(7);
        comment.Body.Should().Be("<b>Nice</b>", "markup is text: kept as given, only trimmed");
        comment.CreatedAt.Should().Be(TestData.Now);
        comment.UpdatedAt.Should().Be(TestData.Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("bell \u0007")]
    [InlineData("override \u202e")]
    public void Create_MissingOrControlCharacters_Throws(string? body)
    {
        var create = () => Comment.Create(3, 7, body, TestData.Now);

        create.Should().Throw<DomainException>().Which.Field.Should().Be("body");
    }

    [Fact]
    public void Create_LengthIsCountedAfterTrimming()
    {
        Comment.Create(3, 7, $"  {TestData.Chars(Comment.BodyMaxLength)}  ", TestData.Now).Body.Should().HaveLength(Comment.BodyMaxLength);
        var tooLong = () => Comment.Create(3, 7, TestData.Chars(Comment.BodyMaxLength + 1), TestData.Now);
        tooLong.Should().Throw<DomainException>();
    }

    [Fact]
    public void Edit_ReplacesTheBodyAndMovesUpdatedAtOnly()
    {
        var comment = Comment.Create(3, 7, "Frist", TestData.Now);

        comment.Edit(" First\tindeed ", TestData.Minutes(5));

        comment.Body.Should().Be("First\tindeed");
        comment.CreatedAt.Should().Be(TestData.Now);
        comment.UpdatedAt.Should().Be(TestData.Minutes(5));
    }
}
