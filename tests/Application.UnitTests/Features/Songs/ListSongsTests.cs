using FluentValidation.TestHelper;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

public sealed class ListSongsTests
{
    private readonly InMemoryRepository<Song> _songs = new();

    private Task<PagedResult<SongDto>> Handle(ListSongs.Query query) =>
        new ListSongs.Handler(_songs, InMemorySearchIndex.CatalogSearch(_songs), FakeSongUrls.Instance).Handle(query, CancellationToken.None);

    private void SeedNumbered(int count)
    {
        for (var i = 1; i <= count; i++) _songs.Seed(TestData.Song(title: $"Song {i:000}"));
    }

    /// <summary>Three songs whose six common sort orders are six different permutations.</summary>
    private void SeedSortable() => _songs.Seed(
        TestData.Song(id: 1, title: "Bravo", artist: "Zulu", createdAt: TestData.Minutes(0), likeCount: 5),
        TestData.Song(id: 2, title: "alpha", artist: "Yankee", createdAt: TestData.Minutes(1), likeCount: 1),
        TestData.Song(id: 3, title: "Charlie", artist: "yankee", createdAt: TestData.Minutes(2), likeCount: 3));

    [Fact]
    public async Task Handle_DefaultQuery_ReturnsFirstPageOfTwentyWithTotals()
    {
        SeedNumbered(45);

        var result = await Handle(new ListSongs.Query());

        result.Items.Should().HaveCount(20);
        result.Items[0].Title.Should().Be("Song 001");
        result.Page.Should().Be(1);
        result.PageSize.Should().Be(20);
        result.TotalCount.Should().Be(45);
        result.TotalPages.Should().Be(3);
    }

    [Fact]
    public async Task Handle_LastPage_ReturnsRemainder()
    {
        SeedNumbered(45);

        var result = await Handle(new ListSongs.Query { Page = 3 });

        result.Items.Select(s => s.Title).Should().Equal("Song 041", "Song 042", "Song 043", "Song 044", "Song 045");
    }

    [Fact]
    public async Task Handle_PagePastTheEnd_ReturnsEmptyItemsWithTotals()
    {
        SeedNumbered(45);

        var result = await Handle(new ListSongs.Query { Page = 4 });

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(45);
        result.TotalPages.Should().Be(3);
    }

    [Fact]
    public async Task Handle_HugePage_ReturnsEmptyItems()
    {
        SeedNumbered(3);

        var result = await Handle(new ListSongs.Query { Page = 30_000_000, PageSize = 100 });

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task Handle_Song_ProjectsEveryFieldWithLikeCount()
    {
        var song = TestData.Song(title: "So What", artist: "Miles Davis", genre: "Jazz", duration: 562, likeCount: 12,
            fileUrl: "https://cdn.example.com/1.mp3", description: "Modal", coverImageUrl: "https://img.example.com/1.jpg",
            releaseDate: new DateOnly(1959, 8, 17), createdAt: TestData.Minutes(2));
        _songs.Seed(song);

        var result = await Handle(new ListSongs.Query());

        result.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new SongDto
        {
            Id = song.Id,
            Title = "So What",
            Artist = "Miles Davis",
            Genre = "Jazz",
            FileUrl = "https://cdn.example.com/1.mp3",
            Duration = 562,
            Description = "Modal",
            CoverImageUrl = "https://img.example.com/1.jpg",
            ReleaseDate = new DateOnly(1959, 8, 17),
            LikeCount = 12,
            CreatedAt = TestData.Minutes(2),
            UpdatedAt = TestData.Minutes(2),
        });
    }

    [Theory]
    [InlineData("Jazz")]
    [InlineData("jazz")]
    [InlineData(" JAZZ ")]
    public async Task Handle_GenreFilter_MatchesExactGenreIgnoringCase(string genre)
    {
        _songs.Seed(TestData.Song(title: "A", genre: "Jazz"), TestData.Song(title: "B", genre: "Jazz Fusion"), TestData.Song(title: "C", genre: "Pop"));

        var result = await Handle(new ListSongs.Query { Genre = genre });

        result.Items.Select(s => s.Title).Should().Equal("A");
        result.TotalCount.Should().Be(1);
    }

    [Theory]
    [InlineData("Bill Evans")]
    [InlineData("BILL EVANS")]
    [InlineData("bill evans")]
    public async Task Handle_ArtistFilter_MatchesExactArtistIgnoringCase(string artist)
    {
        _songs.Seed(TestData.Song(title: "A", artist: "Bill Evans"), TestData.Song(title: "B", artist: "Bill Evans Trio"), TestData.Song(title: "C", artist: "Evans"));

        var result = await Handle(new ListSongs.Query { Artist = artist });

        result.Items.Select(s => s.Title).Should().Equal("A");
    }

    [Theory]
    [InlineData("green", "Blue in Green")]
    [InlineData("GREEN", "Blue in Green")]
    [InlineData("EVANS", "Waltz for Debby")]
    [InlineData("bill eva", "Waltz for Debby")]
    [InlineData("evans waltz", "Waltz for Debby")]
    [InlineData("evnas", "Waltz for Debby")]
    public async Task Handle_QueryText_MatchesTitleOrArtistWordsInAnyOrderIgnoringCaseAndTypos(string q, string expectedTitle)
    {
        _songs.Seed(
            TestData.Song(title: "Blue in Green", artist: "Miles Davis"),
            TestData.Song(title: "Waltz for Debby", artist: "Bill Evans"),
            TestData.Song(title: "So What", artist: "Miles Davis"));

        var result = await Handle(new ListSongs.Query { Q = q });

        result.Items.Select(s => s.Title).Should().Equal(expectedTitle);
    }

    [Fact]
    public async Task Handle_AlbumIdFilter_ReturnsOnlySongsOnThatAlbum()
    {
        var onBoth = TestData.Song(id: 1, title: "On both");
        var onFirst = TestData.Song(id: 2, title: "On first");
        var onSecond = TestData.Song(id: 3, title: "On second");
        var onNone = TestData.Song(id: 4, title: "On none");
        var first = TestData.Album(id: 1);
        var second = TestData.Album(id: 2);
        first.SetSong(onBoth, 1);
        first.SetSong(onFirst, 2);
        second.SetSong(onBoth, 1);
        second.SetSong(onSecond, null);
        _songs.Seed(onBoth, onFirst, onSecond, onNone);

        var result = await Handle(new ListSongs.Query { AlbumId = 1 });

        result.Items.Ids().Should().Equal(1, 2);
        result.TotalCount.Should().Be(2);
    }

    [Fact]
    public async Task Handle_AlbumIdWithoutSongs_ReturnsEmptyPage()
    {
        SeedNumbered(3);

        var result = await Handle(new ListSongs.Query { AlbumId = 42 });

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(0);
    }

    [Fact]
    public async Task Handle_AlbumIdAndOtherFilters_AllMustMatch()
    {
        var album = TestData.Album(id: 1);
        var jazz = TestData.Song(id: 1, title: "Jazz on album", genre: "Jazz");
        var pop = TestData.Song(id: 2, title: "Pop on album", genre: "Pop");
        var jazzElsewhere = TestData.Song(id: 3, title: "Jazz elsewhere", genre: "Jazz");
        album.SetSong(jazz, 1);
        album.SetSong(pop, 2);
        _songs.Seed(jazz, pop, jazzElsewhere);

        var result = await Handle(new ListSongs.Query { AlbumId = 1, Genre = "jazz", Q = "album" });

        result.Items.Ids().Should().Equal(1);
    }

    [Theory]
    [InlineData(null, new[] { 2, 1, 3 })]
    [InlineData("title", new[] { 2, 1, 3 })]
    [InlineData("-title", new[] { 3, 1, 2 })]
    [InlineData("artist", new[] { 2, 3, 1 })]
    [InlineData("-artist", new[] { 1, 3, 2 })]
    [InlineData("createdAt", new[] { 1, 2, 3 })]
    [InlineData("-createdAt", new[] { 3, 2, 1 })]
    public async Task Handle_SortKey_OrdersByThatKeyIgnoringCase(string? sort, int[] expectedIds)
    {
        SeedSortable();

        var result = await Handle(new ListSongs.Query { Sort = sort });

        result.Items.Ids().Should().Equal(expectedIds);
    }

    [Fact]
    public async Task Handle_LikeCountSort_OrdersMostLikedFirst()
    {
        _songs.Seed(
            TestData.Song(id: 1, title: "A", likeCount: 5),
            TestData.Song(id: 2, title: "B", likeCount: 100),
            TestData.Song(id: 3, title: "C", likeCount: 0),
            TestData.Song(id: 4, title: "D", likeCount: 20));

        var result = await Handle(new ListSongs.Query { Sort = "-likeCount" });

        result.Items.Ids().Should().Equal(2, 4, 1, 3);
        result.Items.Select(s => s.LikeCount).Should().Equal(100, 20, 5, 0);
    }

    [Theory]
    [InlineData("title", false)]
    [InlineData("-title", true)]
    [InlineData("artist", false)]
    [InlineData("-artist", true)]
    [InlineData("createdAt", false)]
    [InlineData("-createdAt", true)]
    [InlineData("-likeCount", true)]
    public async Task Handle_SortKeyTie_BreaksTieById(string sort, bool descending)
    {
        // Stored out of id order, so the result's order can only come from the id tie-break.
        _songs.Seed(
            TestData.Song(id: 2, title: "Same", artist: "Same", likeCount: 3),
            TestData.Song(id: 3, title: "SAME", artist: "same", likeCount: 3),
            TestData.Song(id: 1, title: "same", artist: "Same", likeCount: 3));

        var result = await Handle(new ListSongs.Query { Sort = sort });

        result.Items.Ids().Should().Equal(descending ? [3, 2, 1] : [1, 2, 3]);
    }

    // Validator

    private static TestValidationResult<ListSongs.Query> Validate(ListSongs.Query query) =>
        new ListSongs.Validator().TestValidate(query);

    [Fact]
    public void Validate_DefaultQuery_HasNoErrors()
    {
        Validate(new ListSongs.Query()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("artist")]
    [InlineData("-artist")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("-likeCount")]
    public void Validate_KnownSortKey_HasNoErrors(string sort)
    {
        Validate(new ListSongs.Query { Sort = sort }).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("likeCount")] // only descending is offered
    [InlineData("duration")]
    [InlineData("TITLE")]
    public void Validate_UnknownSortKey_HasSortError(string sort)
    {
        Validate(new ListSongs.Query { Sort = sort })
            .ShouldHaveValidationErrorFor(q => q.Sort)
            .WithErrorMessage("'sort' must be one of: title, -title, artist, -artist, createdAt, -createdAt, -likeCount, -playCount.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_PageBelowOne_HasPageError(int page)
    {
        Validate(new ListSongs.Query { Page = page }).ShouldHaveValidationErrorFor(q => q.Page);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Validate_PageSize_MustBeOneToHundred(int pageSize, bool fails)
    {
        var result = Validate(new ListSongs.Query { PageSize = pageSize });

        if (fails) result.ShouldHaveValidationErrorFor(q => q.PageSize);
        else result.ShouldNotHaveValidationErrorFor(q => q.PageSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_AlbumIdNotPositive_HasAlbumIdError(int albumId)
    {
        Validate(new ListSongs.Query { AlbumId = albumId }).ShouldHaveValidationErrorFor(q => q.AlbumId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void Validate_AlbumIdMissingOrPositive_HasNoErrors(int? albumId)
    {
        Validate(new ListSongs.Query { AlbumId = albumId }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_FiltersOverMaxLength_HaveErrors()
    {
        var result = Validate(new ListSongs.Query { Genre = TestData.Chars(51), Artist = TestData.Chars(101), Q = TestData.Chars(101) });

        result.ShouldHaveValidationErrorFor(q => q.Genre);
        result.ShouldHaveValidationErrorFor(q => q.Artist);
        result.ShouldHaveValidationErrorFor(q => q.Q);
    }

    [Fact]
    public void Validate_FiltersAtMaxLength_HaveNoErrors()
    {
        Validate(new ListSongs.Query { Genre = TestData.Chars(50), Artist = TestData.Chars(100), Q = TestData.Chars(100) })
            .ShouldNotHaveAnyValidationErrors();
    }
}
