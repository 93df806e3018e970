using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Comments;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Uploads;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Uploads;

public sealed class UploadSongTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly AudioFakes _audio;

    public UploadSongTests() => _audio = new AudioFakes(_songs, _albums, maxBytes: 100);

    private Task<UploadResult> Upload(byte[] bytes, string? fileName = "track.ogg", int? albumId = null) =>
        new UploadSong.Handler(_audio.Library(), _songs, _albums,
                new SongDetailReader(new SpecCatalogReads(_songs, new InMemoryRepository<AlbumSong>(), new InMemoryRepository<UserLike>(), new InMemoryRepository<Comment>(), _albums),
                    FakeCurrentUser.Admin(), FakeSongUrls.Instance),
                _clock)
            .Handle(new UploadSong.Command(new BytesUpload(bytes, fileName, albumId)), CancellationToken.None);

    private byte[] File(string name, AudioTags tags)
    {
        _audio.Inspector.Returns(name, FakeAudioInspector.Inspection(tags));
        return FakeAudioInspector.File(name);
    }

    [Fact]
    public async Task Handle_TaggedFile_CreatesSongAlbumLinkAndCovers()
    {
        var bytes = File("a", new AudioTags("  Blue\u0000 Train ", ["John Coltrane", "Lee Morgan"], "Blue Train", "John Coltrane", 3, 5, 1,
            "1957-09-15", "Jazz", new EmbeddedPicture("image/png", Png)));

        var result = await Upload(bytes);

        result.Created.Should().BeTrue();
        var song = _songs.Items.Should().ContainSingle().Subject;
        (song.Title, song.Artist, song.Genre, song.ReleaseDate, song.Duration, song.FileUrl)
            .Should().Be(("Blue Train", "John Coltrane; Lee Morgan", "Jazz", new DateOnly(1957, 9, 15), 61, ""));
        song.Audio!.Format.Should().Be("oggVorbis");
        song.Audio.DurationSeconds.Should().Be(61.432);
        song.Audio.Size.Should().Be(bytes.Length);
        var album = _albums.Items.Should().ContainSingle().Subject;
        (album.Title, album.Artist, album.Genre).Should().Be(("Blue Train", "John Coltrane", "Jazz"));
        album.Songs.Should().ContainSingle().Which.Should().Match<AlbumSong>(l => l.Song == song && l.TrackNumber == 3);
        song.Cover!.MimeType.Should().Be("image/png");
        album.Cover!.StorageKey.Should().Be(song.Cover.StorageKey);
        _audio.Store.Keys.Should().BeEquivalentTo([song.Audio.StorageKey, song.Cover.StorageKey]);
        result.Song.FileUrl.Should().Be(FakeSongUrls.Instance.Stream(song.Id));
        result.Song.Audio!.Sha256.Should().Be(song.Audio.Sha256);
        _audio.Locks.Count.Should().Be(0);
    }

    [Fact]
    public async Task Handle_NoTags_DefaultsFromTheFileName()
    {
        var result = await Upload(File("b", AudioTags.None), fileName: @"C:\music\My Song.final.mp3");

        result.Song.Should().Match<SongDetailDto>(s => s.Title == "My Song.final" && s.Artist == "Unknown Artist" && s.Genre == "Unknown"
                                                       && s.ReleaseDate == null);
        _albums.Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData("1999", 1999, 1, 1)]
    [InlineData("2004-05", 2004, 5, 1)]
    [InlineData("2004-05-03T10:00:00", 2004, 5, 3)]
    public void ReleaseDate_YearMonthOrDay(string date, int year, int month, int day)
    {
        SongTags.ReleaseDate(date).Should().Be(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("19999")]
    [InlineData("soon")]
    public void ReleaseDate_Otherwise_None(string date)
    {
        SongTags.ReleaseDate(date).Should().BeNull();
    }

    [Fact]
    public async Task Handle_AlbumOfTheSameTitleAndArtistInOtherCase_LinksToIt()
    {
        var existing = TestData.Album(title: "BLUE TRAIN", artist: "john coltrane");
        _albums.Seed(existing);

        await Upload(File("c", new AudioTags("Moment's Notice", ["Someone Else"], "Blue Train", "John Coltrane", TrackNumber: 2)));

        _albums.Items.Should().ContainSingle().Which.Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(2);
    }

    [Fact]
    public async Task Handle_AlbumIdGiven_LinksToThatAlbumInsteadOfTheTags()
    {
        var chosen = TestData.Album(title: "Chosen");
        _albums.Seed(chosen);

        await Upload(File("d", new AudioTags("x", Album: "Other")), albumId: chosen.Id);

        _albums.Items.Should().ContainSingle().Which.Songs.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_UnknownAlbumId_NotFoundAndNothingLeft()
    {
        var act = () => Upload(File("e", AudioTags.None), albumId: 42);

        await act.Should().ThrowAsync<NotFoundException>();
        _songs.Items.Should().BeEmpty();
        _audio.Store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_SameBytesAgain_AnswersTheExistingSong()
    {
        var bytes = File("f", new AudioTags("Once"));
        var first = await Upload(bytes);

        var second = await Upload(bytes, fileName: "other-name.ogg");

        second.Created.Should().BeFalse();
        second.Song.Id.Should().Be(first.Song.Id);
        _songs.Items.Should().ContainSingle();
        _audio.Store.Keys.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_NotAudio_UnsupportedAndNothingLeft()
    {
        var act = () => Upload([1, 2, 3, 4, 5]);

        await act.Should().ThrowAsync<UnsupportedAudioException>();
        _songs.Items.Should().BeEmpty();
        _audio.Store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_NotAudioButSameBytesAsAnotherSongsCover_KeepsTheCover()
    {
        var song = TestData.Song();
        _songs.Seed(song);
        var stored = await _audio.Store.WriteAsync(new MemoryStream(Png), 100, CancellationToken.None);
        song.SetCover(new CoverImage(stored.Key, "image/png", stored.Size, stored.Sha256), TestData.Now);

        var act = () => Upload(Png);

        await act.Should().ThrowAsync<UnsupportedAudioException>();
        _audio.Store.Keys.Should().ContainSingle().Which.Should().Be(stored.Key);
    }

    [Fact]
    public async Task Handle_LargerThanTheLimit_TooLargeAndNothingLeft()
    {
        var act = () => Upload(new byte[101]);

        await act.Should().ThrowAsync<PayloadTooLargeException>();
        _audio.Store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_ConcurrentUploadsOfTheSameFile_CreateOneSong()
    {
        var bytes = File("g", new AudioTags("Twice"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Upload(bytes))));

        results.Count(r => r.Created).Should().Be(1);
        results.Select(r => r.Song.Id).Distinct().Should().ContainSingle();
        _songs.Items.Should().ContainSingle();
    }
}
