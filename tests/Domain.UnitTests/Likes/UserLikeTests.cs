using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Domain.UnitTests.Likes;

public sealed class UserLikeTests
{
    [Fact]
    public void Constructor_Fields_AreSet()
    {
        var like = new UserLike(7, 3, TestData.Now);

        like.UserId.Should().Be(7);
        like.SongId.Should().Be(3);
        like.LikedAt.Should().Be(TestData.Now);
    }
}
