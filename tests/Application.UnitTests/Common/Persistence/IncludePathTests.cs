using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Common.Persistence;

/// <summary>Include paths are expressions the compiler checks, turned into the dotted form EF Core takes.</summary>
public sealed class IncludePathTests
{
    [Fact]
    public void From_OneNavigation_IsItsName()
    {
        var path = IncludePath.From((Album a) => a.Songs);

        path.ToString().Should().Be("Songs");
        path.Navigations.Select(p => p.DeclaringType).Should().Equal(typeof(Album));
    }

    [Fact]
    public void From_ThroughACollection_IsTheDottedPath()
    {
        var path = IncludePath.From((Album a) => a.Songs.Select(l => l.Song));

        path.ToString().Should().Be("Songs.Song");
        path.Navigations.Select(p => p.PropertyType).Should().Equal(typeof(IReadOnlyCollection<AlbumSong>), typeof(Song));
    }

    [Fact]
    public void From_BoxedToObject_UnwrapsTheConversion()
    {
        System.Linq.Expressions.Expression<Func<Song, object?>> include = s => s.Albums;

        IncludePath.From(include).ToString().Should().Be("Albums");
    }

    [Fact]
    public void From_AnythingButPropertyAccess_IsRefused()
    {
        var act = () => IncludePath.From((Album a) => a.Songs.Where(l => l.TrackNumber > 1));

        act.Should().Throw<ArgumentException>().WithMessage("*is not a navigation path*");
    }

    [Fact]
    public void From_TheEntityItself_IsRefused()
    {
        var act = () => IncludePath.From((Album a) => a);

        act.Should().Throw<ArgumentException>().WithMessage("*names no navigation*");
    }
}
