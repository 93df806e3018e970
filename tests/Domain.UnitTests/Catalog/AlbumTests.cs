using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Catalog;

public sealed class AlbumTests
{
    [Fact]
    public void Create_ValidDetails_SetsEveryField()
    {
        var album = Album.Create(TestData.Details(title: "Blue Train", artist: "John Coltrane", genre: "Hard Bop",
            description: "1957 session", coverImageUrl: "https://img.example.com/b.jpg", releaseDate: new DateOnly(1958, 1, 1)), TestData.Now);

        album.Title.Should().Be("Blue Train");
        album.Artist.Should().Be("John Coltrane");
        album.Genre.Should().Be("Hard Bop");
        album.Description.Should().Be("1957 session");
        album.CoverImageUrl.Should().Be("https://img.example.com/b.jpg");
        album.ReleaseDate.Should().Be(new DateOnly(1958, 1, 1));
        album.Songs.Should().BeEmpty();
        album.Id.Should().Be(0);
    }

    [Fact]
    public void Create_ValidDetails_StampsBothTimestamps()
    {
        var album = Album.Create(TestData.Details(), TestData.Now);

        album.CreatedAt.Should().Be(TestData.Now);
        album.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Create_PaddedText_IsTrimmed()
    {
        var album = Album.Create(TestData.Details(title: "  Blue Train\t", artist: "\nJohn Coltrane ", genre: " Jazz ",
            description: "  notes  ", coverImageUrl: "  https://img.example.com/b.jpg "), TestData.Now);

        album.Title.Should().Be("Blue Train");
        album.Artist.Should().Be("John Coltrane");
        album.Genre.Should().Be("Jazz");
        album.Description.Should().Be("notes");
        album.CoverImageUrl.Should().Be("https://img.example.com/b.jpg");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_BlankOptionalText_IsMissing(string blank)
    {
        var album = Album.Create(TestData.Details(description: blank, coverImageUrl: blank), TestData.Now);

        album.Description.Should().BeNull();
        album.CoverImageUrl.Should().BeNull();
    }

    [Theory]
    [InlineData("Kind of Blue", "KIND OF BLUE")]
    [InlineData("  Ça plane pour moi ", "ÇA PLANE POUR MOI")]
    [InlineData("Édith Piaf", "ÉDITH PIAF")]
    [InlineData("ABC", "ABC")]
    public void Create_AnyText_FillsUpperInvariantNormalizedColumns(string text, string expected)
    {
        var album = Album.Create(TestData.Details(title: text, artist: text, genre: text), TestData.Now);

        album.NormalizedTitle.Should().Be(expected);
        album.NormalizedArtist.Should().Be(expected);
        album.NormalizedGenre.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Create_MissingTitle_ThrowsDomainExceptionForTitle(string? title)
    {
        var act = () => Album.Create(TestData.Details(title: title), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "title").WithMessage("'title' is required.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_MissingArtist_ThrowsDomainExceptionForArtist(string? artist)
    {
        var act = () => Album.Create(TestData.Details(artist: artist), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "artist");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_MissingGenre_ThrowsDomainExceptionForGenre(string? genre)
    {
        var act = () => Album.Create(TestData.Details(genre: genre), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "genre");
    }

    [Fact]
    public void Create_TextAtMaxLength_IsAccepted()
    {
        var album = Album.Create(TestData.Details(title: TestData.Chars(100), artist: TestData.Chars(100), genre: TestData.Chars(50),
            description: TestData.Chars(500), coverImageUrl: TestData.Url(255)), TestData.Now);

        album.Title.Should().HaveLength(100);
        album.Artist.Should().HaveLength(100);
        album.Genre.Should().HaveLength(50);
        album.Description.Should().HaveLength(500);
        album.CoverImageUrl.Should().HaveLength(255);
    }

    [Fact]
    public void Create_MaxLengthPaddedWithWhiteSpace_IsAcceptedTrimmed()
    {
        var album = Album.Create(TestData.Details(title: "  " + TestData.Chars(100) + "  "), TestData.Now);

        album.Title.Should().HaveLength(100);
    }

    [Theory]
    [InlineData("title", 101)]
    [InlineData("artist", 101)]
    [InlineData("genre", 51)]
    [InlineData("description", 501)]
    public void Create_TextOverMaxLength_ThrowsDomainExceptionForThatField(string field, int length)
    {
        var text = TestData.Chars(length);
        var details = field switch
        {
            "title" => TestData.Details(title: text),
            "artist" => TestData.Details(artist: text),
            "genre" => TestData.Details(genre: text),
            _ => TestData.Details(description: text),
        };

        var act = () => Album.Create(details, TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == field)
            .WithMessage($"'{field}' must be at most {length - 1} characters.");
    }

    [Fact]
    public void Create_CoverImageUrlOverMaxLength_ThrowsDomainException()
    {
        var act = () => Album.Create(TestData.Details(coverImageUrl: TestData.Url(256)), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "coverImageUrl");
    }

    [Theory]
    [InlineData("ftp://img.example.com/a.jpg")]
    [InlineData("/images/a.jpg")]
    [InlineData("img.example.com/a.jpg")]
    [InlineData("not a url")]
    public void Create_CoverImageUrlNotAbsoluteHttp_ThrowsDomainException(string url)
    {
        var act = () => Album.Create(TestData.Details(coverImageUrl: url), TestData.Now);

        act.Should().Throw<DomainException>().Where(e => e.Field == "coverImageUrl")
            .WithMessage("'coverImageUrl' must be an absolute http(s) URL.");
    }

    [Fact]
    public void Update_NewDetails_ReplacesFieldsAndNormalizedColumns()
    {
        var album = Album.Create(TestData.Details(description: "old", coverImageUrl: "https://img.example.com/old.jpg"), TestData.Now);

        album.Update(TestData.Details(title: "Milestones", artist: "Miles Davis Sextet", genre: "Hard Bop"), TestData.Now.AddDays(1));

        album.Title.Should().Be("Milestones");
        album.NormalizedTitle.Should().Be("MILESTONES");
        album.NormalizedArtist.Should().Be("MILES DAVIS SEXTET");
        album.NormalizedGenre.Should().Be("HARD BOP");
        album.Description.Should().BeNull();
        album.CoverImageUrl.Should().BeNull();
    }

    [Fact]
    public void Update_Later_MovesUpdatedAtButNotCreatedAt()
    {
        var album = Album.Create(TestData.Details(), TestData.Now);
        var later = TestData.Now.AddHours(3);

        album.Update(TestData.Details(title: "Changed"), later);

        album.CreatedAt.Should().Be(TestData.Now);
        album.UpdatedAt.Should().Be(later);
    }

    [Fact]
    public void Update_MissingTitle_ThrowsDomainException()
    {
        var album = Album.Create(TestData.Details(), TestData.Now);

        var act = () => album.Update(TestData.Details(title: " "), TestData.Now.AddHours(1));

        act.Should().Throw<DomainException>().Where(e => e.Field == "title");
        album.Title.Should().Be("Kind of Blue");
        album.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Update_AlbumWithSongs_KeepsSongLinks()
    {
        var album = TestData.Album(id: 1);
        album.SetSong(TestData.Song(id: 4), 1);

        album.Update(TestData.Details(title: "Changed"), TestData.Now.AddHours(1));

        album.Songs.Select(l => l.SongId).Should().Equal(4);
    }
}
