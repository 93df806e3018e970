using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Streaming;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Streaming;

public sealed class GetStreamUrlTests
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now);

    private Task<StreamUrlDto> Get(int id, int minutes = StreamingOptions.DefaultSignedUrlMinutes) =>
        new GetStreamUrl.Handler(_songs, FakeStreamUrlSigner.Instance, FakeSongUrls.Instance, new StreamingOptions(minutes), _clock)
            .Handle(new GetStreamUrl.Query(id), CancellationToken.None);

    [Theory]
    [InlineData(60)]
    [InlineData(5)]
    public async Task Handle_SongWithAudio_SignsItsStreamUrlForTheConfiguredMinutes(int minutes)
    {
        var store = new InMemoryAudioStore();
        var stored = await store.WriteAsync(new MemoryStream([1, 2, 3]), 100, CancellationToken.None);
        var song = Song.CreateFromAudio(new CatalogDetails("Song", "Artist", "Genre"),
            AudioLibrary.ToAudioFile(stored, FakeAudioInspector.Inspection()), TestData.Now);
        _songs.Seed(song);
        var expires = _clock.GetUtcNow().AddMinutes(minutes).ToUnixTimeSeconds();

        var result = await Get(song.Id, minutes);

        result.Url.Should().Be($"{FakeSongUrls.Instance.Stream(song.Id)}?expires={expires}&sig={FakeStreamUrlSigner.Instance.Sign(song.Id, expires)}");
        result.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime);
        result.ExpiresAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public async Task Handle_NoSuchSong_OrASongWithoutAudio_IsNotFound()
    {
        var song = TestData.Song();
        _songs.Seed(song);

        await FluentActions.Awaiting(() => Get(404)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Awaiting(() => Get(song.Id)).Should().ThrowAsync<NotFoundException>();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10081, 1)]
    [InlineData(60, 0)]
    public void Options_OutOfRange_AreRefused(int minutes, int maxOpenStreams)
    {
        var act = () => new StreamingOptions(minutes, MaxOpenStreams: maxOpenStreams).Validated();

        act.Should().Throw<InvalidOperationException>();
    }
}
