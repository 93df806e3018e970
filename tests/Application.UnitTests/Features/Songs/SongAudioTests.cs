using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Comments;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Covers;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.UnitTests.Features.Songs;

/// <summary>Replacing and deleting a song's audio, deleting a song with audio, and covers: bytes go only when nothing references them.</summary>
public sealed class SongAudioTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly AudioFakes _audio;

    public SongAudioTests() => _audio = new AudioFakes(_songs, _albums);

    private SongDetailReader Reader() =>
        new(new SpecCatalogReads(_songs, new InMemoryRepository<AlbumSong>(), new InMemoryRepository<UserLike>(), new InMemoryRepository<Comment>(), _albums),
            FakeCurrentUser.Admin(), FakeSongUrls.Instance);

    private async Task<Song> SongWithAudio(string name, string title = "Song")
    {
        _audio.Inspector.Returns(name, FakeAudioInspector.Inspection());
        var stored = await _audio.Store.WriteAsync(new MemoryStream(FakeAudioInspector.File(name)), 1000, CancellationToken.None);
        var song = Song.CreateFromAudio(new CatalogDetails(title, "Artist", "Genre"),
            AudioLibrary.ToAudioFile(stored, FakeAudioInspector.Inspection()), TestData.Now);
        _songs.Seed(song);
        return song;
    }

    private Task<SongDetailDto> Replace(int id, byte[] bytes) =>
        new ReplaceSongAudio.Handler(_audio.Library(), _songs, Reader(), _clock, new InMemoryPlaylistStore(new(), new(), _songs),
                new ImmediateTransactions())
            .Handle(new ReplaceSongAudio.Command(id, new BytesUpload(bytes)), CancellationToken.None);

    [Fact]
    public async Task ReplaceSongAudio_NewFile_KeepsTheFieldsAndDeletesTheOldBytes()
    {
        var song = await SongWithAudio("old", title: "Kept");
        var oldKey = song.Audio!.StorageKey;
        _audio.Inspector.Returns("new", FakeAudioInspector.Inspection(new AudioTags("Ignored"), durationSeconds: 200));

        var result = await Replace(song.Id, FakeAudioInspector.File("new"));

        result.Title.Should().Be("Kept");
        result.Duration.Should().Be(200);
        _audio.Store.Keys.Should().ContainSingle().Which.Should().NotBe(oldKey).And.Be(song.Audio!.StorageKey);
    }

    [Fact]
    public async Task ReplaceSongAudio_OldBytesSharedWithAnotherSong_KeepsThem()
    {
        var song = await SongWithAudio("shared");
        var other = Song.CreateFromAudio(new CatalogDetails("Other", "A", "G"), song.Audio!, TestData.Now);
        _songs.Seed(other);
        _audio.Inspector.Returns("new", FakeAudioInspector.Inspection());

        await Replace(song.Id, FakeAudioInspector.File("new"));

        _audio.Store.Keys.Should().HaveCount(2).And.Contain(other.Audio!.StorageKey);
    }

    [Fact]
    public async Task ReplaceSongAudio_NotAudio_KeepsTheSongAsItWasAndStoresNothing()
    {
        var song = await SongWithAudio("old");

        var act = () => Replace(song.Id, [9, 9, 9]);

        await act.Should().ThrowAsync<UnsupportedAudioException>();
        _audio.Store.Keys.Should().ContainSingle().Which.Should().Be(song.Audio!.StorageKey);
    }

    [Fact]
    public async Task ReplaceSongAudio_UnknownSong_NotFoundBeforeReadingAnything()
    {
        var act = () => Replace(5, FakeAudioInspector.File("x"));

        await act.Should().ThrowAsync<NotFoundException>();
        _audio.Store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteSongAudio_RemovesTheAudioAndItsBytes_SecondTimeNotFound()
    {
        var song = await SongWithAudio("x");
        var handler = new DeleteSongAudio.Handler(_audio.Library(), _songs, _clock);

        await handler.Handle(new DeleteSongAudio.Command(song.Id), CancellationToken.None);

        song.Audio.Should().BeNull();
        _songs.Items.Should().ContainSingle();
        _audio.Store.Keys.Should().BeEmpty();
        var again = () => handler.Handle(new DeleteSongAudio.Command(song.Id), CancellationToken.None);
        await again.Should().ThrowAsync<NotFoundException>().WithMessage($"Audio of song {song.Id} was not found.");
    }

    [Fact]
    public async Task DeleteSong_WithAudioAndCover_DeletesTheBytesUnlessAnAlbumHasTheCover()
    {
        var song = await SongWithAudio("x");
        var coverStored = await _audio.Store.WriteAsync(new MemoryStream(Jpeg), 1000, CancellationToken.None);
        var cover = new CoverImage(coverStored.Key, "image/jpeg", coverStored.Size, coverStored.Sha256);
        song.SetCover(cover, TestData.Now);
        var album = TestData.Album();
        album.SetCover(cover, TestData.Now);
        _albums.Seed(album);

        await new DeleteSong.Handler(_songs, new InMemoryPlaylistStore(new(), new(), _songs), new InMemoryPlayStore(), new ImmediateTransactions(), _audio.Library(),
            TimeProvider.System).Handle(new DeleteSong.Command(song.Id), CancellationToken.None);

        _audio.Store.Keys.Should().ContainSingle().Which.Should().Be(cover.StorageKey);
    }

    [Fact]
    public async Task PutSongCover_Image_StoredAndReadBackWithItsType()
    {
        var song = await SongWithAudio("x");

        await new PutSongCover.Handler(_songs, _audio.Library(), _clock)
            .Handle(new PutSongCover.Command(song.Id, new MemoryStream(Jpeg)), CancellationToken.None);
        var cover = await new GetSongCover.Handler(_songs, _audio.Store).Handle(new GetSongCover.Query(song.Id), CancellationToken.None);

        cover.MimeType.Should().Be("image/jpeg");
        cover.Size.Should().Be(Jpeg.Length);
        using var read = new MemoryStream();
        await cover.Content.CopyToAsync(read);
        read.ToArray().Should().Equal(Jpeg);
    }

    [Fact]
    public async Task PutAlbumCover_ReplacingIt_DeletesTheOldBytes()
    {
        var album = TestData.Album();
        _albums.Seed(album);
        var handler = new PutAlbumCover.Handler(_albums, _audio.Library(), _clock);
        await handler.Handle(new PutAlbumCover.Command(album.Id, new MemoryStream(Jpeg)), CancellationToken.None);

        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 7];
        await handler.Handle(new PutAlbumCover.Command(album.Id, new MemoryStream(png)), CancellationToken.None);

        album.Cover!.MimeType.Should().Be("image/png");
        _audio.Store.Keys.Should().ContainSingle().Which.Should().Be(album.Cover.StorageKey);
    }

    [Fact]
    public async Task PutAlbumCover_NotAnImage_UnsupportedAndNothingStored()
    {
        var album = TestData.Album();
        _albums.Seed(album);

        var act = () => new PutAlbumCover.Handler(_albums, _audio.Library(), _clock)
            .Handle(new PutAlbumCover.Command(album.Id, new MemoryStream("GIF89a......"u8.ToArray())), CancellationToken.None);

        await act.Should().ThrowAsync<UnsupportedImageException>();
        _audio.Store.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task PutAlbumCover_OverFiveMiB_TooLarge()
    {
        var album = TestData.Album();
        _albums.Seed(album);
        var body = new byte[CoverImage.MaxBytes + 1];
        Jpeg.CopyTo(body, 0);

        var act = () => new PutAlbumCover.Handler(_albums, _audio.Library(), _clock)
            .Handle(new PutAlbumCover.Command(album.Id, new MemoryStream(body)), CancellationToken.None);

        await act.Should().ThrowAsync<PayloadTooLargeException>();
    }

    [Fact]
    public async Task GetAlbumCover_None_NotFound()
    {
        _albums.Seed(TestData.Album(id: 3));

        var act = () => new GetAlbumCover.Handler(_albums, _audio.Store).Handle(new GetAlbumCover.Query(3), CancellationToken.None);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("Cover of album 3 was not found.");
    }

    [Fact]
    public async Task SongLists_SongWithAudio_HaveTheStreamUrlAndTheAudio()
    {
        var song = await SongWithAudio("x");
        _songs.Seed(TestData.Song(fileUrl: "https://cdn.example.com/given.mp3"));

        var page = await new ListSongs.Handler(_songs, InMemorySearchIndex.CatalogSearch(_songs), FakeSongUrls.Instance).Handle(new ListSongs.Query(), CancellationToken.None);

        page.Items.Single(s => s.Id == song.Id).Should().Match<SongDto>(s =>
            s.FileUrl == FakeSongUrls.Instance.Stream(song.Id) && s.Audio!.Format == "oggVorbis" && s.Audio.Channels == 2);
        page.Items.Single(s => s.Id != song.Id).Should().Match<SongDto>(s => s.FileUrl == "https://cdn.example.com/given.mp3" && s.Audio == null);
    }
}
