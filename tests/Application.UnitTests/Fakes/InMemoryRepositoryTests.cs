using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>The fake behaves like a unit of work, or the handler tests built on it would prove nothing.</summary>
public sealed class InMemoryRepositoryTests
{
    private readonly InMemoryRepository<Album> _albums = new();

    [Fact]
    public async Task Add_BeforeSave_IsNotStoredNorReadable()
    {
        var album = TestData.Album();

        _albums.Add(album);

        _albums.Items.Should().BeEmpty();
        (await _albums.AnyAsync(new EntityByIdSpec<Album>(0))).Should().BeFalse();
        album.Id.Should().Be(0);
    }

    [Fact]
    public async Task SaveChangesAsync_AfterAdds_StoresThemWithIdsInOrder()
    {
        _albums.Add(TestData.Album(title: "One"));
        _albums.Add(TestData.Album(title: "Two"));

        await _albums.SaveChangesAsync();

        _albums.Items.Select(a => (a.Id, a.Title)).Should().Equal((1, "One"), (2, "Two"));
    }

    [Fact]
    public async Task SaveChangesAsync_AfterSeededIds_ContinuesAfterTheHighestId()
    {
        _albums.Seed(TestData.Album(id: 7));
        _albums.Add(TestData.Album());

        await _albums.SaveChangesAsync();

        _albums.Items.Select(a => a.Id).Should().Equal(7, 8);
    }

    [Fact]
    public async Task Remove_BeforeSave_KeepsTheEntityStored()
    {
        var album = TestData.Album();
        _albums.Seed(album);

        _albums.Remove(album);

        _albums.Items.Should().ContainSingle();
        await _albums.SaveChangesAsync();
        _albums.Items.Should().BeEmpty();
    }

    [Fact]
    public void Seed_DuplicateId_Throws()
    {
        _albums.Seed(TestData.Album(id: 1));

        var act = () => _albums.Seed(TestData.Album(id: 1));

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task ListAsync_PagedSpecification_AppliesFiltersOrderAndPaging()
    {
        _albums.Seed(TestData.Album(title: "C"), TestData.Album(title: "A"), TestData.Album(title: "B"), TestData.Album(title: "D", genre: "Rock"));
        var spec = new ListAlbums.Spec(new ListAlbums.Query { Genre = "jazz", PageSize = 2 });

        var items = await _albums.ListAsync(spec);
        var count = await _albums.CountAsync(spec);

        items.Select(a => a.Title).Should().Equal("A", "B");
        count.Should().Be(3);
    }

    [Fact]
    public async Task FirstOrDefaultAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => _albums.FirstOrDefaultAsync(new EntityByIdSpec<Album>(1), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task SaveChangesAsync_AfterChangingAnUntrackedRead_Throws()
    {
        _albums.Seed(TestData.Album(title: "Before"));
        var album = (await _albums.FirstOrDefaultAsync(new AlbumByTitleSpec("Before")))!;

        album.Update(TestData.AlbumInput(title: "After").ToDetails(), TestData.Minutes(1));
        var act = () => _albums.SaveChangesAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*without tracking*EF Core would save nothing*");
    }

    [Fact]
    public async Task SaveChangesAsync_AfterAddingASongThroughAnUntrackedRead_Throws()
    {
        var album = TestData.Album();
        _albums.Seed(album);
        var read = (await _albums.FirstOrDefaultAsync(new AlbumByTitleSpec(album.Title)))!;

        read.SetSong(TestData.Song(id: 5), trackNumber: 1);
        var act = () => _albums.SaveChangesAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task SaveChangesAsync_UntrackedReadLeftAlone_Saves()
    {
        _albums.Seed(TestData.Album(title: "Same"));
        await _albums.FirstOrDefaultAsync(new AlbumByTitleSpec("Same"));
        _albums.Add(TestData.Album(title: "New"));

        await _albums.SaveChangesAsync();

        _albums.Items.Select(a => a.Title).Should().Equal("Same", "New");
    }

    [Fact]
    public async Task SaveChangesAsync_AfterChangingATrackedRead_StoresTheChange()
    {
        _albums.Seed(TestData.Album(title: "Before"));
        await _albums.FirstOrDefaultAsync(new AlbumByTitleSpec("Before"));
        var album = await _albums.GetByIdOrThrowAsync(1, CancellationToken.None);

        album.Update(TestData.AlbumInput(title: "After").ToDetails(), TestData.Minutes(1));
        await _albums.SaveChangesAsync();

        _albums.Items.Single().Title.Should().Be("After");
    }

    [Fact]
    public async Task FirstOrDefaultAsync_IncludeOfAScalar_ThrowsAsEfWould()
    {
        _albums.Seed(TestData.Album());

        var act = () => _albums.FirstOrDefaultAsync(new IncludingSpec(a => a.Title));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Title is not a navigation*");
    }

    [Fact]
    public async Task FirstOrDefaultAsync_IncludeOfNavigations_Reads()
    {
        _albums.Seed(TestData.Album());

        var album = await _albums.FirstOrDefaultAsync(new IncludingSpec(a => a.Songs.Select(l => l.Song)));

        album.Should().NotBeNull();
    }

    [Fact]
    public async Task ListAsync_ProjectionWithInclude_ThrowsBecauseEfIgnoresIt()
    {
        var act = () => _albums.ListAsync(new ProjectingIncludeSpec());

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*ignores includes in projections*");
    }

    [Fact]
    public async Task GetByIdOrThrowAsync_Missing_NamesTheEntityAndId()
    {
        var act = () => _albums.GetByIdOrThrowAsync(42, CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Album 42 was not found.");
    }

    private sealed class AlbumByTitleSpec : Specification<Album>
    {
        public AlbumByTitleSpec(string title) => Where(a => a.Title == title);
    }

    private sealed class IncludingSpec : Specification<Album>
    {
        public IncludingSpec(System.Linq.Expressions.Expression<Func<Album, object?>> include) => Include(include);
    }

    private sealed class ProjectingIncludeSpec : Specification<Album, string>
    {
        public ProjectingIncludeSpec() : base(a => a.Title) => Include(a => a.Songs);
    }
}
