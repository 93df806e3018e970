using FluentValidation.TestHelper;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Albums;

public sealed class ListAlbumsTests
{
    private readonly InMemoryRepository<Album> _albums = new();

    private Task<PagedResult<AlbumDto>> Handle(ListAlbums.Query query) =>
        new ListAlbums.Handler(_albums, InMemorySearchIndex.CatalogSearch(albums: _albums)).Handle(query, CancellationToken.None);

    private void SeedNumbered(int count)
    {
        for (var i = 1; i <= count; i++) _albums.Seed(TestData.Album(title: $"Album {i:000}"));
    }

    /// <summary>
    /// Three albums whose six sort orders are six different permutations, so each key is told
    /// apart from every other: title 2,1,3 / artist 2,3,1 / createdAt 1,2,3.
    /// </summary>
    private void SeedSortable() => _albums.Seed(
        TestData.Album(id: 1, title: "Bravo", artist: "Zulu", createdAt: TestData.Minutes(0)),
        TestData.Album(id: 2, title: "alpha", artist: "Yankee", createdAt: TestData.Minutes(1)),
        TestData.Album(id: 3, title: "Charlie", artist: "yankee", createdAt: TestData.Minutes(2)));

    [Fact]
    public async Task Handle_NoAlbums_ReturnsEmptyPageWithZeroTotals()
    {
        var result = await Handle(new ListAlbums.Query());

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(0);
        result.TotalPages.Should().Be(0);
    }

    [Fact]
    public async Task Handle_DefaultQuery_ReturnsFirstPageOfTwenty()
    {
        SeedNumbered(25);

        var result = await Handle(new ListAlbums.Query());

        result.Page.Should().Be(1);
        result.PageSize.Should().Be(20);
        result.Items.Should().HaveCount(20);
        result.TotalCount.Should().Be(25);
        result.TotalPages.Should().Be(2);
    }

    [Fact]
    public async Task Handle_MiddlePage_ReturnsThatSliceWithTotals()
    {
        SeedNumbered(25);

        var result = await Handle(new ListAlbums.Query { Page = 2, PageSize = 10 });

        result.Items.Select(a => a.Title).Should().Equal(Enumerable.Range(11, 10).Select(i => $"Album {i:000}"));
        result.Page.Should().Be(2);
        result.PageSize.Should().Be(10);
        result.TotalCount.Should().Be(25);
        result.TotalPages.Should().Be(3);
    }

    [Fact]
    public async Task Handle_LastPartialPage_ReturnsRemainder()
    {
        SeedNumbered(25);

        var result = await Handle(new ListAlbums.Query { Page = 3, PageSize = 10 });

        result.Items.Select(a => a.Title).Should().Equal("Album 021", "Album 022", "Album 023", "Album 024", "Album 025");
        result.TotalPages.Should().Be(3);
    }

    [Fact]
    public async Task Handle_ExactMultipleOfPageSize_CountsNoExtraPage()
    {
        SeedNumbered(20);

        var result = await Handle(new ListAlbums.Query { PageSize = 10 });

        result.TotalPages.Should().Be(2);
    }

    [Fact]
    public async Task Handle_PagePastTheEnd_ReturnsEmptyItemsWithTotals()
    {
        SeedNumbered(25);

        var result = await Handle(new ListAlbums.Query { Page = 4, PageSize = 10 });

        result.Items.Should().BeEmpty();
        result.Page.Should().Be(4);
        result.TotalCount.Should().Be(25);
        result.TotalPages.Should().Be(3);
    }

    [Theory]
    [InlineData(30_000_000, 100)] // (page - 1) * pageSize overflows an int
    [InlineData(int.MaxValue, 100)]
    [InlineData(int.MaxValue, 1)]
    public async Task Handle_HugePage_ReturnsEmptyItemsWithTotals(int page, int pageSize)
    {
        SeedNumbered(3);

        var result = await Handle(new ListAlbums.Query { Page = page, PageSize = pageSize });

        result.Items.Should().BeEmpty();
        result.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task Handle_Album_ProjectsEveryField()
    {
        var album = TestData.Album(title: "Blue Train", artist: "John Coltrane", genre: "Hard Bop",
            description: "1957", coverImageUrl: "https://img.example.com/blue.jpg", releaseDate: new DateOnly(1958, 1, 1),
            createdAt: TestData.Minutes(5));
        _albums.Seed(album);

        var result = await Handle(new ListAlbums.Query());

        result.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new AlbumDto
        {
            Id = album.Id,
            Title = "Blue Train",
            Artist = "John Coltrane",
            Genre = "Hard Bop",
            Description = "1957",
            CoverImageUrl = "https://img.example.com/blue.jpg",
            ReleaseDate = new DateOnly(1958, 1, 1),
            CreatedAt = TestData.Minutes(5),
            UpdatedAt = TestData.Minutes(5),
        });
    }

    [Theory]
    [InlineData("Jazz")]
    [InlineData("jazz")]
    [InlineData("JAZZ")]
    [InlineData("  jAzZ  ")]
    public async Task Handle_GenreFilter_MatchesExactGenreIgnoringCase(string genre)
    {
        _albums.Seed(
            TestData.Album(title: "A", genre: "Jazz"),
            TestData.Album(title: "B", genre: "Acid Jazz"),
            TestData.Album(title: "C", genre: "Rock"));

        var result = await Handle(new ListAlbums.Query { Genre = genre });

        result.Items.Select(a => a.Title).Should().Equal("A");
        result.TotalCount.Should().Be(1);
    }

    [Theory]
    [InlineData("Miles Davis")]
    [InlineData("miles davis")]
    [InlineData("MILES DAVIS")]
    public async Task Handle_ArtistFilter_MatchesExactArtistIgnoringCase(string artist)
    {
        _albums.Seed(
            TestData.Album(title: "A", artist: "Miles Davis"),
            TestData.Album(title: "B", artist: "Miles Davis Quintet"),
            TestData.Album(title: "C", artist: "John Coltrane"));

        var result = await Handle(new ListAlbums.Query { Artist = artist });

        result.Items.Select(a => a.Title).Should().Equal("A");
    }

    [Fact]
    public async Task Handle_NonAsciiArtistFilter_IgnoresCase()
    {
        _albums.Seed(TestData.Album(title: "A", artist: "Édith Piaf"), TestData.Album(title: "B", artist: "Edith Piaf"));

        var result = await Handle(new ListAlbums.Query { Artist = "ÉDITH PIAF" });

        result.Items.Select(a => a.Title).Should().Equal("A");
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("BLUE")]
    [InlineData("blu")]
    [InlineData("bleu")]
    public async Task Handle_QueryText_MatchesTitleWordsIgnoringCaseWithPrefixAndTypo(string q)
    {
        _albums.Seed(
            TestData.Album(title: "Kind of Blue", artist: "Miles Davis"),
            TestData.Album(title: "Giant Steps", artist: "John Coltrane"));

        var result = await Handle(new ListAlbums.Query { Q = q });

        result.Items.Select(a => a.Title).Should().Equal("Kind of Blue");
    }

    [Fact]
    public async Task Handle_QueryText_MatchesArtistPrefixIgnoringCase()
    {
        _albums.Seed(
            TestData.Album(title: "Kind of Blue", artist: "Miles Davis"),
            TestData.Album(title: "Giant Steps", artist: "John Coltrane"));

        var result = await Handle(new ListAlbums.Query { Q = "COLTR" });

        result.Items.Select(a => a.Title).Should().Equal("Giant Steps");
    }

    [Fact]
    public async Task Handle_QueryText_MatchesTitleOrArtist()
    {
        _albums.Seed(
            TestData.Album(title: "Blue Train", artist: "John Coltrane"),
            TestData.Album(title: "Moanin'", artist: "Art Blakey"),
            TestData.Album(title: "Giant Steps", artist: "John Coltrane"));

        var result = await Handle(new ListAlbums.Query { Q = "bl" });

        result.Items.Select(a => a.Title).Should().Equal("Blue Train", "Moanin'");
    }

    [Fact]
    public async Task Handle_QueryTextMatchingGenreOnly_ReturnsNothing()
    {
        _albums.Seed(TestData.Album(title: "Kind of Blue", artist: "Miles Davis", genre: "Modal"));

        var result = await Handle(new ListAlbums.Query { Q = "modal" });

        result.Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Handle_BlankFilters_AreIgnored(string blank)
    {
        SeedNumbered(3);

        var result = await Handle(new ListAlbums.Query { Genre = blank, Artist = blank, Q = blank });

        result.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task Handle_SeveralFilters_AllMustMatch()
    {
        _albums.Seed(
            TestData.Album(title: "Kind of Blue", artist: "Miles Davis", genre: "Jazz"),
            TestData.Album(title: "Blue Moods", artist: "Miles Davis", genre: "Cool"),
            TestData.Album(title: "Blue Train", artist: "John Coltrane", genre: "Jazz"),
            TestData.Album(title: "Bitches Brew", artist: "Miles Davis", genre: "Jazz"));

        var result = await Handle(new ListAlbums.Query { Genre = "jazz", Artist = "miles davis", Q = "blue" });

        result.Items.Select(a => a.Title).Should().Equal("Kind of Blue");
        result.TotalCount.Should().Be(1);
    }

    [Fact]
    public async Task Handle_FilterWithPaging_TotalsCountOnlyMatches()
    {
        for (var i = 1; i <= 7; i++) _albums.Seed(TestData.Album(title: $"Jazz {i}", genre: "Jazz"));
        for (var i = 1; i <= 5; i++) _albums.Seed(TestData.Album(title: $"Rock {i}", genre: "Rock"));

        var result = await Handle(new ListAlbums.Query { Genre = "Jazz", Page = 2, PageSize = 5 });

        result.Items.Select(a => a.Title).Should().Equal("Jazz 6", "Jazz 7");
        result.TotalCount.Should().Be(7);
        result.TotalPages.Should().Be(2);
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

        var result = await Handle(new ListAlbums.Query { Sort = sort });

        result.Items.Ids().Should().Equal(expectedIds);
    }

    [Theory]
    [InlineData("title", false)]
    [InlineData("-title", true)]
    [InlineData("artist", false)]
    [InlineData("-artist", true)]
    [InlineData("createdAt", false)]
    [InlineData("-createdAt", true)]
    public async Task Handle_SortKeyTie_BreaksTieById(string sort, bool descending)
    {
        // Stored out of id order, so the result's order can only come from the id tie-break.
        _albums.Seed(
            TestData.Album(id: 3, title: "Same", artist: "Same"),
            TestData.Album(id: 1, title: "Same", artist: "Same"),
            TestData.Album(id: 2, title: "same", artist: "SAME"));

        var result = await Handle(new ListAlbums.Query { Sort = sort });

        result.Items.Ids().Should().Equal(descending ? [3, 2, 1] : [1, 2, 3]);
    }

    [Fact]
    public async Task Handle_PagesOverTies_NeitherOverlapNorSkip()
    {
        _albums.Seed(
            TestData.Album(id: 5, title: "Same"), TestData.Album(id: 2, title: "Same"), TestData.Album(id: 4, title: "Same"),
            TestData.Album(id: 1, title: "Same"), TestData.Album(id: 3, title: "Same"));

        var first = await Handle(new ListAlbums.Query { Page = 1, PageSize = 2 });
        var second = await Handle(new ListAlbums.Query { Page = 2, PageSize = 2 });
        var third = await Handle(new ListAlbums.Query { Page = 3, PageSize = 2 });

        first.Items.Concat(second.Items).Concat(third.Items).Ids().Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public async Task Handle_ArtistSort_OrdersByTitleWithinArtist()
    {
        _albums.Seed(
            TestData.Album(id: 1, title: "Zeta", artist: "Same"),
            TestData.Album(id: 2, title: "Alpha", artist: "Same"),
            TestData.Album(id: 3, title: "Mid", artist: "Other"));

        var ascending = await Handle(new ListAlbums.Query { Sort = "artist" });
        var descending = await Handle(new ListAlbums.Query { Sort = "-artist" });

        ascending.Items.Ids().Should().Equal(3, 2, 1);
        descending.Items.Ids().Should().Equal(1, 2, 3);
    }

    // Validator

    private static TestValidationResult<ListAlbums.Query> Validate(ListAlbums.Query query) =>
        new ListAlbums.Validator().TestValidate(query);

    [Fact]
    public void Validate_DefaultQuery_HasNoErrors()
    {
        Validate(new ListAlbums.Query()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Validate_PageBelowOne_HasPageError(int page)
    {
        Validate(new ListAlbums.Query { Page = page })
            .ShouldHaveValidationErrorFor(q => q.Page).WithErrorMessage("'page' must be 1 or more.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void Validate_PageOneOrMore_HasNoPageError(int page)
    {
        Validate(new ListAlbums.Query { Page = page }).ShouldNotHaveValidationErrorFor(q => q.Page);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(101)]
    [InlineData(1000)]
    public void Validate_PageSizeOutsideOneToHundred_HasPageSizeError(int pageSize)
    {
        Validate(new ListAlbums.Query { PageSize = pageSize })
            .ShouldHaveValidationErrorFor(q => q.PageSize).WithErrorMessage("'pageSize' must be between 1 and 100.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Validate_PageSizeAtBounds_HasNoPageSizeError(int pageSize)
    {
        Validate(new ListAlbums.Query { PageSize = pageSize }).ShouldNotHaveValidationErrorFor(q => q.PageSize);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("artist")]
    [InlineData("-artist")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    public void Validate_KnownSortKey_HasNoErrors(string sort)
    {
        Validate(new ListAlbums.Query { Sort = sort }).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("name")]
    [InlineData("Title")]
    [InlineData("+title")]
    [InlineData("title ")]
    [InlineData("")]
    [InlineData("-likeCount")] // a song sort key, not an album one
    public void Validate_UnknownSortKey_HasSortError(string sort)
    {
        Validate(new ListAlbums.Query { Sort = sort })
            .ShouldHaveValidationErrorFor(q => q.Sort)
            .WithErrorMessage("'sort' must be one of: title, -title, artist, -artist, createdAt, -createdAt.");
    }

    [Fact]
    public void Validate_FiltersAtMaxLength_HaveNoErrors()
    {
        Validate(new ListAlbums.Query { Genre = TestData.Chars(50), Artist = TestData.Chars(100), Q = TestData.Chars(100) })
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_FiltersOverMaxLength_HaveErrors()
    {
        var result = Validate(new ListAlbums.Query { Genre = TestData.Chars(51), Artist = TestData.Chars(101), Q = TestData.Chars(101) });

        result.ShouldHaveValidationErrorFor(q => q.Genre);
        result.ShouldHaveValidationErrorFor(q => q.Artist);
        result.ShouldHaveValidationErrorFor(q => q.Q);
    }

    [Fact]
    public void Validate_SeveralBadParameters_ReportsEach()
    {
        var result = Validate(new ListAlbums.Query { Page = 0, PageSize = 0, Sort = "nope" });

        result.ShouldHaveValidationErrorFor(q => q.Page);
        result.ShouldHaveValidationErrorFor(q => q.PageSize);
        result.ShouldHaveValidationErrorFor(q => q.Sort);
    }
}
