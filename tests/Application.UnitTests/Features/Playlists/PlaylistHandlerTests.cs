using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Playlists;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Playlists;

/// <summary>The playlist use cases against the in-memory repositories and store: what they hold afterwards.</summary>
public sealed class PlaylistHandlerTests
{
    private readonly InMemoryRepository<Playlist> _playlists = new();
    private readonly InMemoryRepository<PlaylistEntry> _entries = new();
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryPlaylistStore _store;
    private readonly TimeProvider _clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(TestData.Now));

    public PlaylistHandlerTests()
    {
        _store = new InMemoryPlaylistStore(_playlists, _entries, _songs, _users);
        (_smart, _pages) = (new SmartPlaylistResults(_catalog, _clock), new(_catalog));
        _users.Seed(TestData.User(id: 7), TestData.User(username: "bob", email: "bob@example.com", id: 8));
        _songs.Seed(TestData.Song(id: 1, duration: 100), TestData.Song(id: 2, duration: 50), TestData.Song(id: 3));
    }

    private readonly CatalogVersion _catalog = new();
    private readonly SmartPlaylistResults _smart;
    private readonly ResultCache<PlaylistPageKey, PagedResult<PlaylistEntryDto>> _pages;

    // A state cache of its own each time: the handlers run here without the behaviour that moves the playlists version on.
    private PlaylistReader Reader() => new(_playlists, _entries, _songs, _clock, _smart, _pages, new PlaylistStates(_catalog));

    private Task<PlaylistDto> Create(int userId, PlaylistInput input) =>
        new CreatePlaylist.Handler(_store, Reader(), FakeCurrentUser.User(userId), _clock).Handle(new CreatePlaylist.Command(input), default);

    private Task<PlaylistDto> Add(int userId, int id, int[] songIds, int? position = null, int? ifMatch = null) =>
        new AddPlaylistSongs.Handler(_playlists, _store, Reader(), FakeCurrentUser.User(userId), _clock)
            .Handle(new AddPlaylistSongs.Command(id, new AddPlaylistSongs.AddSongsInput(songIds, position), ifMatch), default);

    private int[] Songs(int playlistId) => _store.Ordered(playlistId).Select(e => e.SongId).ToArray();

    // The entries as the list use case reads them: (position, song id) in playlist order.
    private async Task<(int Position, int SongId)[]> Listed(int playlistId) =>
        (await new ListPlaylistSongs.Handler(Reader(), FakeCurrentUser.User(7), FakeSongUrls.Instance)
            .Handle(new ListPlaylistSongs.Query { Id = playlistId, PageSize = 100 }, default)).Items.Select(e => (e.Position, e.Song.Id)).ToArray();

    [Fact]
    public async Task Create_ThenAdd_KeepsOrderCountAndDuration()
    {
        var created = await Create(7, new PlaylistInput("Mix"));

        await Add(7, created.Id, [1, 3]);
        var after = await Add(7, created.Id, [2, 1], position: 2);

        Songs(created.Id).Should().Equal(1, 2, 1, 3);
        (after.SongCount, after.DurationSeconds, after.Version, after.Owner).Should().Be((4, 250L, 3, new PlaylistOwnerDto(7, "alice")));
    }

    [Fact]
    public async Task Add_UnknownSong_ThrowsNamingItAndAddsNothing()
    {
        var id = (await Create(7, new PlaylistInput("Mix"))).Id;

        var act = () => Add(7, id, [1, 42]);

        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors["songIds"].Single().Should().Contain("42");
        _entries.Items.Should().BeEmpty();
        _playlists.Items.Single().Version.Should().Be(1);
    }

    [Fact]
    public async Task Add_StaleVersion_ThrowsPreconditionFailed_SomeoneElses_NotFoundOrForbidden()
    {
        var hidden = (await Create(7, new PlaylistInput("Private"))).Id;
        var shared = (await Create(7, new PlaylistInput("Public", IsPublic: true))).Id;

        await FluentActions.Invoking(() => Add(7, hidden, [1], ifMatch: 5)).Should().ThrowAsync<PreconditionFailedException>();
        await FluentActions.Invoking(() => Add(8, hidden, [1])).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => Add(8, shared, [1])).Should().ThrowAsync<ForbiddenException>();
        _entries.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task MoveAndRemove_KeepPositionsWithoutGaps()
    {
        var id = (await Create(7, new PlaylistInput("Mix"))).Id;
        await Add(7, id, [1, 2, 3]);
        var first = _store.Ordered(id)[0].Id;

        await new MovePlaylistEntry.Handler(_playlists, _store, Reader(), FakeCurrentUser.User(7), _clock)
            .Handle(new MovePlaylistEntry.Command(id, first, new MovePlaylistEntry.MoveEntryInput(3)), default);
        Songs(id).Should().Equal(2, 3, 1);

        await new RemovePlaylistEntry.Handler(_playlists, _store, FakeCurrentUser.User(7), _clock)
            .Handle(new RemovePlaylistEntry.Command(id, _entries.Items.Single(e => e.SongId == 3).Id), default);
        (await Listed(id)).Should().Equal((1, 2), (2, 1));
        _playlists.Items.Single().SongCount.Should().Be(2);
    }

    [Fact]
    public async Task ListSongs_ServesAPageAgain_UntilThePlaylistOrTheCatalogChanges()
    {
        var id = (await Create(7, new PlaylistInput("Mix"))).Id;
        await Add(7, id, [1, 2]);
        var song = _songs.Items.Single(s => s.Id == 1);
        var likeCount = typeof(Song).GetProperty(nameof(Song.LikeCount))!;
        async Task<int[]> Likes() =>
            (await new ListPlaylistSongs.Handler(Reader(), FakeCurrentUser.User(7), FakeSongUrls.Instance)
                .Handle(new ListPlaylistSongs.Query { Id = id }, default)).Items.Select(e => e.Song.LikeCount).ToArray();
        (await Likes()).Should().Equal(0, 0);

        // A change the catalog version does not hear of (none in the app: every catalog write moves it on).
        likeCount.SetValue(song, 5);
        (await Likes()).Should().Equal([0, 0], "the page is served again");

        _catalog.Bump();
        (await Likes()).Should().Equal(5, 0);

        likeCount.SetValue(song, 6);
        await new MovePlaylistEntry.Handler(_playlists, _store, Reader(), FakeCurrentUser.User(7), _clock)
            .Handle(new MovePlaylistEntry.Command(id, _store.Ordered(id)[0].Id, new MovePlaylistEntry.MoveEntryInput(2)), default);
        (await Likes()).Should().Equal([0, 6], "a new version of the playlist is read anew");
    }

    [Fact]
    public async Task Update_SmartRulesOnAFilledPlaylist_IsAConflict()
    {
        var id = (await Create(7, new PlaylistInput("Mix"))).Id;
        await Add(7, id, [1]);
        var rules = new PlaylistRules { Match = "all" };

        var act = () => new UpdatePlaylist.Handler(_playlists, Reader(), FakeCurrentUser.User(7), _clock)
            .Handle(new UpdatePlaylist.Command(id, new PlaylistInput("Smart", Rules: rules)), default);

        await act.Should().ThrowAsync<DomainConflictException>();
    }

    [Fact]
    public async Task Get_SmartPlaylist_TotalsAreOfItsEvaluatedSongs()
    {
        var smart = await Create(7, new PlaylistInput("All", Rules: new PlaylistRules { Match = "all", Limit = 2 }));

        await FluentActions.Invoking(() => new GetPlaylist.Handler(Reader(), FakeCurrentUser.Anonymous()).Handle(new GetPlaylist.Query(smart.Id), default))
            .Should().ThrowAsync<NotFoundException>("a private playlist of someone else is not found");
        var own = await new GetPlaylist.Handler(Reader(), FakeCurrentUser.User(7)).Handle(new GetPlaylist.Query(smart.Id), default);
        (own.IsSmart, own.SongCount, own.DurationSeconds).Should().Be((true, 2, 150L), "by title all three tie; the first two by id are 1 and 2");
    }

    [Fact]
    public async Task DeleteSong_TakesItOutOfEveryPlaylist()
    {
        var a = (await Create(7, new PlaylistInput("A"))).Id;
        var b = (await Create(8, new PlaylistInput("B"))).Id;
        await Add(7, a, [1, 2, 1, 3]);
        await Add(8, b, [2]);

        await _store.RemoveSongEverywhereAsync(1, TestData.Now, default);

        (await Listed(a)).Should().Equal((1, 2), (2, 3));
        _playlists.Items.Single(p => p.Id == a).SongCount.Should().Be(2);
        Songs(b).Should().Equal(2);
    }
}
