using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.Streaming;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.UnitTests.Features.Streaming;

/// <summary>Who may open a song's stream (token or signed URL), what it describes, redirects, and the bound on open streams.</summary>
public sealed class OpenSongStreamTests : IDisposable
{
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryAudioStore _store = new();
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly CatalogVersion _version = new();
    private readonly SongAudioRows _rows;
    private StreamSlots _slots = new(new StreamingOptions());

    public OpenSongStreamTests() => _rows = new SongAudioRows(_version, _clock);

    public void Dispose() => _slots.Dispose();

    private async Task<Song> SongWithAudioAsync(byte[] bytes)
    {
        var stored = await _store.WriteAsync(new MemoryStream(bytes), 1000, CancellationToken.None);
        var song = Song.CreateFromAudio(new CatalogDetails("Song", "Artist", "Genre"),
            AudioLibrary.ToAudioFile(stored, FakeAudioInspector.Inspection()), TestData.Now);
        _songs.Seed(song);
        return song;
    }

    private Task<SongStream> Open(OpenSongStream.Query query, FakeCurrentUser? caller = null, StreamingOptions? options = null) =>
        new OpenSongStream.Handler(_songs, _rows, _store, FakeStreamUrlSigner.Instance, caller ?? FakeCurrentUser.Anonymous(),
            options ?? new StreamingOptions(RedirectToStore: true), _slots, _clock).Handle(query, CancellationToken.None);

    private OpenSongStream.Query Signed(int id, int signedFor, TimeSpan validFor)
    {
        var expires = _clock.GetUtcNow().Add(validFor).ToUnixTimeSeconds();
        return new OpenSongStream.Query(id, expires.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FakeStreamUrlSigner.Instance.Sign(signedFor, expires));
    }

    [Fact]
    public async Task Handle_SignedInCaller_DescribesTheAudio_AndOpensOnlyTheRangeAsked()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var song = await SongWithAudioAsync(bytes);

        using var stream = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());

        stream.Redirect.Should().BeNull();
        stream.MimeType.Should().Be(song.Audio!.MimeType);
        stream.Size.Should().Be(9);
        stream.Sha256.Should().Be(song.Audio.Sha256);
        stream.LastModified.Should().Be(song.UpdatedAt);
        stream.LastModified.Kind.Should().Be(DateTimeKind.Utc);
        await using var part = await stream.OpenAsync(2, 3, CancellationToken.None);
        var read = new MemoryStream();
        await part.CopyToAsync(read);
        read.ToArray().Should().Equal(3, 4, 5);
    }

    [Fact]
    public async Task Handle_AnonymousWithoutSignature_IsUnauthenticated()
    {
        var song = await SongWithAudioAsync([1]);

        await FluentActions.Awaiting(() => Open(new OpenSongStream.Query(song.Id))).Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Handle_AnonymousWithThisSongsUnexpiredSignature_Opens()
    {
        var song = await SongWithAudioAsync([1, 2]);

        using var stream = await Open(Signed(song.Id, song.Id, TimeSpan.FromMinutes(1)));

        stream.Size.Should().Be(2);
    }

    [Fact]
    public async Task Handle_ExpiredOrOtherSongsOrMissingOrMalformedSignature_IsForbidden_EvenForASignedInCaller()
    {
        var song = await SongWithAudioAsync([1, 2]);
        var valid = Signed(song.Id, song.Id, TimeSpan.FromMinutes(1));
        OpenSongStream.Query[] bad =
        [
            Signed(song.Id, song.Id, TimeSpan.Zero),
            Signed(song.Id, song.Id + 1, TimeSpan.FromMinutes(1)),
            valid with { Signature = null },
            valid with { Expires = null },
            valid with { Signature = valid.Signature + "x" },
            valid with { Expires = "+" + valid.Expires },
            valid with { Expires = " 1" },
        ];

        foreach (var query in bad)
        foreach (var caller in new[] { FakeCurrentUser.Anonymous(), FakeCurrentUser.Admin() })
            await FluentActions.Awaiting(() => Open(query, caller)).Should().ThrowAsync<ForbiddenException>("{0}", query);
    }

    [Fact]
    public async Task Handle_SignatureIsCheckedBeforeTheSongIsLookedUp()
    {
        await FluentActions.Awaiting(() => Open(Signed(404, 405, TimeSpan.FromMinutes(1)))).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task Handle_NoSuchSong_OrASongWithoutAudio_IsNotFound()
    {
        var withoutAudio = TestData.Song();
        _songs.Seed(withoutAudio);

        await FluentActions.Awaiting(() => Open(new OpenSongStream.Query(404), FakeCurrentUser.User())).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Awaiting(() => Open(new OpenSongStream.Query(withoutAudio.Id), FakeCurrentUser.User()))
            .Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Handle_StoreThatPresigns_RedirectsForAtMostFiveMinutes_WithoutTakingASlot()
    {
        var song = await SongWithAudioAsync([1, 2, 3]);
        _store.PresignOrigin = new Uri("https://bucket.example.com/");

        using var stream = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());

        stream.Redirect.Should().Be(new Uri($"https://bucket.example.com/{song.Audio!.StorageKey}?seconds=300&type={Uri.EscapeDataString(song.Audio.MimeType)}"));
        _slots.InUse.Should().Be(0);
    }

    [Fact]
    public async Task Handle_RedirectsTurnedOff_ServesTheBytesFromAStoreThatPresigns()
    {
        var song = await SongWithAudioAsync([1, 2, 3]);
        _store.PresignOrigin = new Uri("https://bucket.example.com/");

        using var stream = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User(), new StreamingOptions(RedirectToStore: false));

        stream.Redirect.Should().BeNull();
        _slots.InUse.Should().Be(1);
    }

    [Fact]
    public async Task Handle_SongRow_IsReadOncePerLifetime_AndAgainAfterACatalogWrite()
    {
        var song = await SongWithAudioAsync([1, 2, 3]);
        (await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User())).Dispose();

        var stored = await _store.WriteAsync(new MemoryStream([4, 5, 6, 7]), 1000, CancellationToken.None);
        song.AttachAudio(AudioLibrary.ToAudioFile(stored, FakeAudioInspector.Inspection()), TestData.Now);
        using (var cached = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User()))
            cached.Size.Should().Be(3, "within its lifetime, with no write on this instance, the row is served from memory");

        _version.Bump(CatalogChange.Counts);
        using (var afterLike = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User()))
            afterLike.Size.Should().Be(3, "likes and plays do not touch stored audio, so they keep the row");

        _version.Bump();
        using (var afterWrite = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User()))
            afterWrite.Size.Should().Be(4, "a catalog write on this instance makes every kept row stale");

        song.AttachAudio(AudioLibrary.ToAudioFile(await _store.WriteAsync(new MemoryStream([1]), 1000, CancellationToken.None),
            FakeAudioInspector.Inspection()), TestData.Now);
        _clock.Advance(SongAudioRows.Lifetime);
        using var later = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());
        later.Size.Should().Be(1, "after its lifetime a row is read again (a change made by another instance)");
    }

    [Fact]
    public async Task Handle_EverySlotTaken_IsTooBusy_UntilAStreamIsDisposed()
    {
        _slots.Dispose();
        _slots = new StreamSlots(new StreamingOptions(MaxOpenStreams: 2));
        var song = await SongWithAudioAsync([1]);
        var first = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());
        using var second = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());

        var busy = await FluentActions.Awaiting(() => Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User()))
            .Should().ThrowAsync<TooBusyException>();
        busy.Which.RetryAfter.Should().BePositive();

        first.Dispose();
        first.Dispose();
        _slots.InUse.Should().Be(1, "a stream gives its slot back once, however often it is disposed");
        using var third = await Open(new OpenSongStream.Query(song.Id), FakeCurrentUser.User());
        _slots.InUse.Should().Be(2);
    }
}
