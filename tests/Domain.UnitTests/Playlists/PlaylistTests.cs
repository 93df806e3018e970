using System.Reflection;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Domain.UnitTests.Playlists;

public sealed class PlaylistTests
{
    private static Playlist Manual(int songCount = 0, string? rules = null)
    {
        var playlist = Playlist.Create(7, new PlaylistDetails("  Road trip ", "  For the car ", true, rules), TestData.Now);
        // The count is kept by the store (no domain method changes it), so a test sets it as the store would.
        typeof(Playlist).GetProperty(nameof(Playlist.SongCount), BindingFlags.Public | BindingFlags.Instance)!.SetValue(playlist, songCount);
        return playlist;
    }

    [Fact]
    public void Create_TrimsAndFolds_StartsAtVersionOne()
    {
        var playlist = Manual();

        (playlist.OwnerId, playlist.Name, playlist.NormalizedName, playlist.Description, playlist.IsPublic, playlist.Version)
            .Should().Be((7, "Road trip", "ROAD TRIP", "For the car", true, 1));
        playlist.IsSmart.Should().BeFalse();
        (playlist.CreatedAt, playlist.UpdatedAt).Should().Be((TestData.Now, TestData.Now));
    }

    [Theory]
    [InlineData(null, "name")]
    [InlineData("   ", "name")]
    public void Create_MissingName_ThrowsNamingIt(string? name, string field)
    {
        var act = () => Playlist.Create(1, new PlaylistDetails(name, null, false), TestData.Now);

        act.Should().Throw<DomainException>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Create_TooLongFields_Throw()
    {
        FluentActions.Invoking(() => Playlist.Create(1, new PlaylistDetails(TestData.Chars(101), null, false), TestData.Now))
            .Should().Throw<DomainException>().Which.Field.Should().Be("name");
        FluentActions.Invoking(() => Playlist.Create(1, new PlaylistDetails("ok", TestData.Chars(501), false), TestData.Now))
            .Should().Throw<DomainException>().Which.Field.Should().Be("description");
    }

    [Fact]
    public void Update_MovesTheVersionOn_AndTheTime()
    {
        var playlist = Manual();

        playlist.Update(new PlaylistDetails("Other", null, false), TestData.Minutes(5));

        (playlist.Name, playlist.Description, playlist.IsPublic, playlist.Version, playlist.UpdatedAt)
            .Should().Be(("Other", null, false, 2, TestData.Minutes(5)));
    }

    [Fact]
    public void Update_RulesOnAPlaylistWithEntries_IsAConflict_AndChangesNothing()
    {
        var playlist = Manual(songCount: 3);

        var act = () => playlist.Update(new PlaylistDetails("Smart", null, false, "{}"), TestData.Minutes(5));

        act.Should().Throw<DomainConflictException>();
        (playlist.Name, playlist.Version, playlist.IsSmart).Should().Be(("Road trip", 1, false));
    }

    [Theory]
    [InlineData(0, null, 1)]
    [InlineData(5, null, 6)]
    [InlineData(5, 1, 1)]
    [InlineData(5, 6, 6)]
    public void PlanInsert_DefaultsToTheEnd_AndTakesAnyPositionUpToOnePastIt(int songCount, int? position, int expected)
    {
        Manual(songCount).PlanInsert(2, position).Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void PlanInsert_PositionOutsideOneToCountPlusOne_ThrowsForPosition(int position)
    {
        var act = () => Manual(5).PlanInsert(1, position);

        act.Should().Throw<DomainException>().Which.Field.Should().Be("position");
    }

    [Fact]
    public void PlanInsert_PastTenThousandEntries_IsAConflict_UpToItIsFine()
    {
        Manual(PlaylistLimits.MaxEntries - 500).PlanInsert(500, null).Should().Be(PlaylistLimits.MaxEntries - 499);

        var act = () => Manual(PlaylistLimits.MaxEntries - 499).PlanInsert(500, null);

        act.Should().Throw<DomainConflictException>().WithMessage("*10000*");
    }

    [Fact]
    public void EntryChanges_OnASmartPlaylist_AreConflicts()
    {
        var smart = Manual(rules: """{"match":"all"}""");

        smart.IsSmart.Should().BeTrue();
        FluentActions.Invoking(() => smart.PlanInsert(1, null)).Should().Throw<DomainConflictException>();
        FluentActions.Invoking(() => smart.PlanMove(1)).Should().Throw<DomainConflictException>();
        FluentActions.Invoking(smart.EnsureManual).Should().Throw<DomainConflictException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(3)]
    public void PlanMove_WithinOneToCount_IsAllowed(int to)
    {
        FluentActions.Invoking(() => Manual(5).PlanMove(to)).Should().NotThrow();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void PlanMove_OutsideOneToCount_ThrowsForPosition(int to)
    {
        FluentActions.Invoking(() => Manual(5).PlanMove(to)).Should().Throw<DomainException>().Which.Field.Should().Be("position");
    }
}
