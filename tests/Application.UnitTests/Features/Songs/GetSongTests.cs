using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

public sealed class GetSongTests
{
    private const int Caller = 7;

    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryRepository<Comment> _comments = new();
    private readonly FakeCurrentUser _user = FakeCurrentUser.User(Caller);

    // The links are the ones the seeded songs hold: the album side of each link is what the reader's query reads.
    private Task<SongDetailDto> Handle(int id) =>
        new GetSong.Handler(new SpecCatalogReads(_songs, Links(_songs), _likes, _comments, new InMemoryRepository<Album>()), _user, FakeSongUrls.Instance).Handle(new GetSong.Query(id), CancellationToken.None);

    internal static InMemoryRepository<AlbumSong> Links(InMemoryRepository<Song> songs) =>
        new InMemoryRepository<AlbumSong>().Seed(songs.Items.SelectMany(s => s.Albums).ToArray());

    [Fact]
    public async Task Handle_CommentCount_CountsThatSongsComments()
    {
        var song = TestData.Song(id: 3);
        var author = TestData.User(id: 9);
        _songs.Seed(song, TestData.Song(id: 4));
        _comments.Seed(TestData.Comment(3, author), TestData.Comment(3, author), TestData.Comment(4, author));

        var result = await Handle(3);

        result.CommentCount.Should().Be(2);
    }

    [Fact]
    public async Task Handle_KnownId_ReturnsSongWithItsFields()
    {
        var song = TestData.Song(title: "Naima", artist: "John Coltrane", genre: "Jazz", duration: 261, likeCount: 8,
            fileUrl: "https://cdn.example.com/naima.mp3", description: "Ballad", coverImageUrl: "https://img.example.com/n.jpg",
            releaseDate: new DateOnly(1960, 1, 27), createdAt: TestData.Minutes(4));
        _songs.Seed(TestData.Song(title: "Other"), song);

        var result = await Handle(song.Id);

        result.Should().BeEquivalentTo(new SongDetailDto
        {
            Id = song.Id,
            Title = "Naima",
            Artist = "John Coltrane",
            Genre = "Jazz",
            FileUrl = "https://cdn.example.com/naima.mp3",
            Duration = 261,
            Description = "Ballad",
            CoverImageUrl = "https://img.example.com/n.jpg",
            ReleaseDate = new DateOnly(1960, 1, 27),
            LikeCount = 8,
            CreatedAt = TestData.Minutes(4),
            UpdatedAt = TestData.Minutes(4),
            Albums = [],
            LikedByMe = false,
        });
    }

    [Fact]
    public async Task Handle_CallerLikesTheSong_ReportsLikedByMe()
    {
        _songs.Seed(TestData.Song(id: 1, likeCount: 1));
        _likes.Seed(new UserLike(Caller, 1, TestData.Now));

        var result = await Handle(1);

        result.LikedByMe.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_OnlyOthersLikeTheSong_ReportsNotLikedByMe()
    {
        _songs.Seed(TestData.Song(id: 1, likeCount: 2));
        _likes.Seed(new UserLike(Caller + 1, 1, TestData.Now), new UserLike(Caller + 2, 1, TestData.Now));

        var result = await Handle(1);

        result.LikedByMe.Should().BeFalse();
        result.LikeCount.Should().Be(2);
    }

    [Fact]
    public async Task Handle_CallerLikesAnotherSong_ReportsNotLikedByMe()
    {
        _songs.Seed(TestData.Song(id: 1), TestData.Song(id: 2));
        _likes.Seed(new UserLike(Caller, 2, TestData.Now));

        var result = await Handle(1);

        result.LikedByMe.Should().BeFalse();
    }

    [Fact]
    public async Task Handle_SongOnAlbums_ListsAlbumsByTitleIgnoringCase()
    {
        var song = TestData.Song(id: 1);
        TestData.Album(id: 1, title: "zoo").SetSong(song, 1);
        TestData.Album(id: 2, title: "Alpha").SetSong(song, 2);
        TestData.Album(id: 3, title: "middle").SetSong(song, null);
        _songs.Seed(song);

        var result = await Handle(1);

        result.Albums.Should().Equal(new AlbumRefDto(2, "Alpha"), new AlbumRefDto(3, "middle"), new AlbumRefDto(1, "zoo"));
    }

    [Fact]
    public async Task Handle_AlbumsWithSameTitle_OrderedById()
    {
        var song = TestData.Song(id: 1);
        TestData.Album(id: 5, title: "Greatest Hits").SetSong(song, 1);
        TestData.Album(id: 2, title: "greatest hits").SetSong(song, 1);
        _songs.Seed(song);

        var result = await Handle(1);

        result.Albums.Select(a => a.Id).Should().Equal(2, 5);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task Handle_UnknownId_ThrowsNotFound(int id)
    {
        _songs.Seed(TestData.Song(id: 1));

        var act = () => Handle(id);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage($"Song {id} was not found.");
    }
}
