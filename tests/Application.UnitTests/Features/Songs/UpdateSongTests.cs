using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Comments;
using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Playlists;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

public sealed class UpdateSongTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now.AddHours(5)));

    private Task<SongDetailDto> Handle(int id, SongInput input) =>
        new UpdateSong.Handler(_songs, new SongDetailReader(new SpecCatalogReads(_songs, GetSongTests.Links(_songs), new InMemoryRepository<UserLike>(),
            new InMemoryRepository<Comment>(), new InMemoryRepository<Album>()), FakeCurrentUser.Admin(), FakeSongUrls.Instance), _clock, _playlistStore, new ImmediateTransactions())
            .Handle(new UpdateSong.Command(id, input), CancellationToken.None);

    private readonly InMemoryRepository<Playlist> _playlists = new();
    private readonly InMemoryRepository<PlaylistEntry> _entries = new();
    private readonly InMemoryPlaylistStore _playlistStore;

    public UpdateSongTests() => _playlistStore = new InMemoryPlaylistStore(_playlists, _entries, _songs);

    [Fact]
    public async Task Handle_ChangedDuration_CorrectsThePlaylistsHoldingTheSong()
    {
        _songs.Seed(TestData.Song(id: 1, duration: 10), TestData.Song(id: 2, duration: 5));
        var playlist = await _playlistStore.CreateAsync(7, new PlaylistDetails("Mix", null, false), TestData.Now, CancellationToken.None);
        await _playlistStore.AddAsync(playlist, null, [1, 2, 1], null, TestData.Now, CancellationToken.None);

        await Handle(1, TestData.SongInput(duration: 100));

        _playlists.Items.Single().DurationSeconds.Should().Be(205);
        _playlists.Items.Single().Version.Should().Be(3);
    }

    [Fact]
    public async Task Handle_KnownId_ReplacesEveryField()
    {
        var song = TestData.Song(title: "Old", artist: "Old", genre: "Old", duration: 100, fileUrl: "https://cdn.example.com/old.mp3",
            description: "old", coverImageUrl: "https://img.example.com/old.jpg", releaseDate: new DateOnly(2000, 1, 1));
        _songs.Seed(song);

        await Handle(song.Id, TestData.SongInput(title: "New", artist: "New Artist", genre: "Pop",
            fileUrl: "http://cdn.example.com/new.ogg", duration: null));

        var stored = _songs.Items.Single();
        stored.Title.Should().Be("New");
        stored.Artist.Should().Be("New Artist");
        stored.Genre.Should().Be("Pop");
        stored.FileUrl.Should().Be("http://cdn.example.com/new.ogg");
        stored.Duration.Should().BeNull();
        stored.Description.Should().BeNull();
        stored.CoverImageUrl.Should().BeNull();
        stored.ReleaseDate.Should().BeNull();
        stored.NormalizedTitle.Should().Be("NEW");
        stored.NormalizedArtist.Should().Be("NEW ARTIST");
        stored.NormalizedGenre.Should().Be("POP");
    }

    [Fact]
    public async Task Handle_KnownId_ChangesUpdatedAtButNotCreatedAt()
    {
        var song = TestData.Song(createdAt: TestData.Now);
        _songs.Seed(song);
        _clock.SetUtcNow(new DateTimeOffset(2028, 2, 29, 23, 59, 59, TimeSpan.Zero));

        var result = await Handle(song.Id, TestData.SongInput(title: "Changed"));

        var expected = new DateTime(2028, 2, 29, 23, 59, 59, DateTimeKind.Utc);
        result.CreatedAt.Should().Be(TestData.Now);
        result.UpdatedAt.Should().Be(expected);
        _songs.Items.Single().CreatedAt.Should().Be(TestData.Now);
        _songs.Items.Single().UpdatedAt.Should().Be(expected);
    }

    [Fact]
    public async Task Handle_SongOnAlbumsWithLikes_ReturnsItsAlbumsAndLikeCount()
    {
        var song = TestData.Song(id: 1, likeCount: 6);
        TestData.Album(id: 3, title: "Live").SetSong(song, 2);
        _songs.Seed(song);

        var result = await Handle(1, TestData.SongInput(title: "  Renamed  "));

        result.Title.Should().Be("Renamed");
        result.LikeCount.Should().Be(6);
        result.Albums.Should().Equal(new AlbumRefDto(3, "Live"));
        _songs.Items.Single().LikeCount.Should().Be(6);
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFoundAndChangesNothing()
    {
        _songs.Seed(TestData.Song(id: 1, title: "One"));

        var act = () => Handle(2, TestData.SongInput(title: "Changed"));

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Song 2 was not found.");
        _songs.Items.Should().ContainSingle().Which.Title.Should().Be("One");
    }

    // Validator

    [Fact]
    public void Validate_ValidInput_HasNoErrors()
    {
        new UpdateSong.Validator().TestValidate(new UpdateSong.Command(1, TestData.SongInput(duration: 86_400)))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_MissingBody_HasSongError()
    {
        new UpdateSong.Validator().TestValidate(new UpdateSong.Command(1, null!)).ShouldHaveValidationErrorFor(c => c.Song);
    }

    [Fact]
    public void Validate_InvalidFields_ReportsEachUnderItsField()
    {
        var result = new UpdateSong.Validator().TestValidate(new UpdateSong.Command(1,
            TestData.SongInput(genre: TestData.Chars(51), fileUrl: "ftp://cdn.example.com/a.mp3", duration: 86_401)));

        result.ShouldHaveValidationErrorFor(c => c.Song.Genre);
        result.ShouldHaveValidationErrorFor(c => c.Song.FileUrl).WithErrorMessage("'fileUrl' must be an absolute http(s) URL.");
        result.ShouldHaveValidationErrorFor(c => c.Song.Duration);
    }
}
