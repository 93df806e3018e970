using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Playlists;

namespace MusicPlayer.Application.UnitTests.Features.Playlists;

/// <summary>Playlist states come from memory only while no playlist write and no catalog edit has happened since they were read.</summary>
public sealed class PlaylistStatesTests
{
    private readonly CatalogVersion _versions = new();
    private int _reads;

    private Task<PlaylistState?> Get(PlaylistStates states, bool exists = true) =>
        states.GetAsync(5, () =>
        {
            _reads++;
            return Task.FromResult(exists ? new PlaylistState(5, 7, IsPublic: _reads % 2 == 1, Version: _reads, SongCount: 3, Rules: null) : null);
        });

    [Fact]
    public async Task Get_Again_WithNoWriteBetween_ServesTheStateReadBefore()
    {
        var states = new PlaylistStates(_versions);

        var first = await Get(states);
        var second = await Get(states);

        second.Should().BeSameAs(first);
        _reads.Should().Be(1);
        states.Current(5, _versions.Edits, _versions.Playlists).Should().BeSameAs(first);
    }

    [Theory]
    [InlineData(CatalogChange.Playlists)]
    [InlineData(CatalogChange.Edits)]
    public async Task Get_AfterAPlaylistWriteOrACatalogEdit_ReadsAgain(CatalogChange change)
    {
        var states = new PlaylistStates(_versions);
        var before = await Get(states);

        _versions.Bump(change);
        var after = await Get(states);

        _reads.Should().Be(2);
        after!.Version.Should().Be(2);
        after.IsPublic.Should().NotBe(before!.IsPublic, "a visibility change is seen by the very next read");
        states.Current(5, _versions.Edits - (change == CatalogChange.Edits ? 1 : 0), _versions.Playlists - (change == CatalogChange.Playlists ? 1 : 0))
            .Should().BeNull("a state is only current at the versions it was read at");
    }

    [Fact]
    public async Task Get_AfterLikesOnly_ServesTheStateReadBefore()
    {
        var states = new PlaylistStates(_versions);
        await Get(states);

        _versions.Bump(CatalogChange.Counts);
        await Get(states);

        _reads.Should().Be(1, "like and play counters are not part of a playlist's state");
    }

    [Fact]
    public async Task Get_OfAMissingPlaylist_IsNotRemembered()
    {
        var states = new PlaylistStates(_versions);

        (await Get(states, exists: false)).Should().BeNull();
        (await Get(states)).Should().NotBeNull("a playlist made later under that id is found");
        _reads.Should().Be(2);
    }
}
