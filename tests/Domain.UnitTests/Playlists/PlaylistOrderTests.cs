using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Domain.UnitTests.Playlists;

public sealed class PlaylistOrderTests
{
    private const int Gap = PlaylistOrder.Gap;

    [Fact]
    public void Between_InAnEmptyPlaylist_StartsWhereARenumberingWould()
    {
        PlaylistOrder.Between(null, null, 3).Should().Equal(PlaylistOrder.Renumbered(1), PlaylistOrder.Renumbered(2), PlaylistOrder.Renumbered(3));
    }

    [Fact]
    public void Between_AtTheEnds_ExtendsOneGapPerKey()
    {
        PlaylistOrder.Between(5 * Gap, null, 2).Should().Equal(6 * Gap, 7 * Gap);
        PlaylistOrder.Between(null, Gap, 2).Should().Equal(-Gap, 0);
    }

    [Fact]
    public void Between_TwoNeighbours_SpreadsTheKeysEvenlyStrictlyInside()
    {
        PlaylistOrder.Between(0, 100, 3).Should().Equal(25, 50, 75);
        PlaylistOrder.Between(10, 12, 1).Should().Equal(11);
        PlaylistOrder.Between(-7, 5, 2).Should().Equal(-3, 1);
    }

    [Theory]
    [InlineData(10, 11, 1)]
    [InlineData(10, 12, 2)]
    [InlineData(10, 10, 1)]
    [InlineData(12, 10, 1)]
    public void Between_WhenTheKeysDoNotFit_IsNull(int before, int after, int count)
    {
        PlaylistOrder.Between(before, after, count).Should().BeNull("the playlist must be renumbered first");
    }

    [Fact]
    public void Between_PastTheBound_IsNull_SoKeysNeverOverflow()
    {
        PlaylistOrder.Between(PlaylistOrder.Bound - Gap, null, 1).Should().BeNull();
        PlaylistOrder.Between(null, -PlaylistOrder.Bound + Gap, 1).Should().BeNull();
        PlaylistOrder.Between(PlaylistOrder.Bound - 2 * Gap, null, 1).Should().Equal(PlaylistOrder.Bound - Gap);
    }

    [Fact]
    public void Between_RepeatedlyInTheSameGap_LastsSixteenHalvings_ThenAsksForARenumbering()
    {
        int? before = Gap, after = 2 * Gap;
        var fitted = 0;
        while (PlaylistOrder.Between(before, after, 1) is [var key])
        {
            key.Should().BeGreaterThan(before!.Value).And.BeLessThan(after!.Value);
            after = key;
            fitted++;
        }

        fitted.Should().Be(16);
    }

    [Fact]
    public void Renumbered_KeysOfTheLargestPlaylist_LeaveRoomForAFullBatchAtEitherEnd()
    {
        var last = PlaylistOrder.Renumbered(PlaylistLimits.MaxEntries);

        PlaylistOrder.Between(last, null, PlaylistLimits.MaxSongsPerAdd).Should().NotBeNull();
        PlaylistOrder.Between(null, PlaylistOrder.Renumbered(1), PlaylistLimits.MaxSongsPerAdd).Should().NotBeNull();
        PlaylistOrder.Between(PlaylistOrder.Renumbered(1), PlaylistOrder.Renumbered(2), PlaylistLimits.MaxSongsPerAdd).Should()
            .BeInAscendingOrder().And.OnlyHaveUniqueItems().And.HaveCount(PlaylistLimits.MaxSongsPerAdd);
    }
}
