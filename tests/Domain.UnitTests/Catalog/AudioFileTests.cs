using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Catalog;

public sealed class AudioFileTests
{
    private static readonly string Sha = new('a', 64);
    private static readonly string OtherSha = new('b', 64);

    private static AudioFile Audio(double seconds = 12.3456, string sha = "") =>
        new(sha.Length == 0 ? Sha : sha, "mp3", "audio/mpeg", 1000, sha.Length == 0 ? Sha : sha, seconds, 128_000, 44_100, 2);

    [Fact]
    public void DurationSeconds_KeptToTheMillisecond()
    {
        Audio(12.3456).DurationSeconds.Should().Be(12.346);
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(12.5, 13)]
    [InlineData(12.49, 12)]
    public void WholeSeconds_RoundedAndAtLeastOne(double seconds, int expected)
    {
        Audio(seconds).WholeSeconds.Should().Be(expected);
    }

    [Fact]
    public void WholeSeconds_BeyondTheLongestSong_Refused()
    {
        var act = () => Audio(CatalogRules.MaxDurationSeconds + 1).WholeSeconds;

        act.Should().Throw<DomainException>().Which.Field.Should().Be("duration");
    }

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("not-a-hash")]
    public void Sha256_NotLowerCaseHex_Refused(string sha)
    {
        var act = () => new AudioFile("key", "mp3", "audio/mpeg", 1, sha, 1, null, null, null);

        act.Should().Throw<DomainException>().Which.Field.Should().Be("sha256");
    }

    [Fact]
    public void Song_CreateFromAudio_HasNoUrlOfItsOwnAndTheStreamsDuration()
    {
        var song = Song.CreateFromAudio(new CatalogDetails("Title", "Artist", "Genre"), Audio(61.6), TestData.Now);

        song.FileUrl.Should().BeEmpty();
        song.Duration.Should().Be(62);
        song.Audio!.Sha256.Should().Be(Sha);
    }

    [Fact]
    public void Song_AttachAudio_ReturnsTheReplacedKeyAndKeepsTheFields()
    {
        var song = Song.CreateFromAudio(new CatalogDetails("Title", "Artist", "Genre"), Audio(), TestData.Now);

        var replaced = song.AttachAudio(Audio(30, OtherSha), TestData.Minutes(1));

        replaced.Should().Be(Sha);
        song.Title.Should().Be("Title");
        song.Duration.Should().Be(30);
        song.UpdatedAt.Should().Be(TestData.Minutes(1));
    }

    [Fact]
    public void Song_AttachAudio_SameBytes_ReplacesNothing()
    {
        var song = Song.CreateFromAudio(new CatalogDetails("Title", "Artist", "Genre"), Audio(), TestData.Now);

        song.AttachAudio(Audio(), TestData.Now).Should().BeNull();
    }

    [Fact]
    public void Song_RemoveAudio_ReturnsItsKeyOnce()
    {
        var song = Song.CreateFromAudio(new CatalogDetails("Title", "Artist", "Genre"), Audio(), TestData.Now);

        song.RemoveAudio(TestData.Now).Should().Be(Sha);
        song.Audio.Should().BeNull();
        song.RemoveAudio(TestData.Now).Should().BeNull();
    }

    [Fact]
    public void SetCover_ReturnsTheReplacedKey()
    {
        var album = TestData.Album();
        album.SetCover(new CoverImage(Sha, "image/png", 10, Sha), TestData.Now).Should().BeNull();

        album.SetCover(new CoverImage(OtherSha, "image/jpeg", 10, OtherSha), TestData.Now).Should().Be(Sha);
        album.Cover!.MimeType.Should().Be("image/jpeg");
    }

    [Theory]
    [InlineData("image/gif", 10)]
    [InlineData("image/png", CoverImage.MaxBytes + 1)]
    [InlineData("image/png", 0)]
    public void CoverImage_OtherTypesOrSizes_Refused(string mimeType, long size)
    {
        var act = () => new CoverImage(Sha, mimeType, size, Sha);

        act.Should().Throw<DomainException>();
    }
}
