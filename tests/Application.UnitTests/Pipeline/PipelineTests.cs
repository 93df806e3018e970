using MusicPlayer.Application.Features.Catalog;
using MediatR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Behaviours;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Covers;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Stats;
using MusicPlayer.Application.Features.Uploads;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Tokens;
using MusicPlayer.Domain.Comments;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Playlists;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;
using MusicPlayer.Domain.Users;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Application.UnitTests.Pipeline;

/// <summary>
/// The real pipeline as <see cref="DependencyInjection.AddApplication"/> registers it (MediatR,
/// behaviours, handlers, validators), with only the ports replaced by fakes.
/// </summary>
public sealed class PipelineTests : IDisposable
{
    private readonly FakeCurrentUser _user = FakeCurrentUser.Anonymous();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly InMemoryRepository<Album> _albums = new();
    private readonly InMemoryRepository<Song> _songs = new();
    private readonly InMemoryRepository<UserLike> _likes = new();
    private readonly InMemoryRepository<User> _users = new();
    private readonly InMemoryRepository<Comment> _comments = new();
    private readonly FakeSigningKeys _signingKeys;
    private readonly InMemoryRepository<MusicPlayer.Domain.Uploads.UploadSession> _uploadSessions = new();
    private readonly InMemoryRefreshTokenStore _tokens = new();
    private readonly InMemoryRepository<Playlist> _playlists = new();
    private readonly InMemoryRepository<PlaylistEntry> _entries = new();
    private readonly InMemoryPlaylistStore _playlistStore;
    private readonly InMemoryLikeStore _likeStore;
    private readonly InMemoryPlayStore _playStore = new();
    private readonly InMemoryAudioStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RecordingServiceMetrics _metrics = new();
    private readonly ServiceProvider _provider;
    private readonly IServiceScope _scope;

    public PipelineTests()
    {
        _likeStore = new InMemoryLikeStore(_songs, _likes);
        _signingKeys = new FakeSigningKeys(_clock);
        _playlistStore = new InMemoryPlaylistStore(_playlists, _entries, _songs, _users);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs))
            .AddApplication();
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
        services.Replace(ServiceDescriptor.Singleton<ICurrentUser>(_user));
        services.Replace(ServiceDescriptor.Singleton<IRepository<Album>>(_albums));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<Album>>(_albums));
        services.Replace(ServiceDescriptor.Singleton<IRepository<Song>>(_songs));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<Song>>(_songs));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<UserLike>>(_likes));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<AlbumSong>>(new InMemoryRepository<AlbumSong>()));
        services.Replace(ServiceDescriptor.Singleton<ILikeStore>(_likeStore));
        services.Replace(ServiceDescriptor.Singleton<IPlaylistStore>(_playlistStore));
        services.Replace(ServiceDescriptor.Singleton<IRepository<Playlist>>(_playlists));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<Playlist>>(_playlists));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<PlaylistEntry>>(_entries));
        services.Replace(ServiceDescriptor.Singleton<IPlayStore>(_playStore));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<MusicPlayer.Domain.History.Play>>(new InMemoryRepository<MusicPlayer.Domain.History.Play>()));
        services.Replace(ServiceDescriptor.Singleton<IListeningStats>(new NoPlaysListeningStats()));
        services.Replace(ServiceDescriptor.Singleton<IOverviewCounts>(new FixedOverviewCounts(new OverviewDto { Users = 3 })));
        services.AddSingleton<MusicPlayer.Application.Common.Search.ISearchIndex>(new InMemorySearchIndex(_songs, _albums));
        services.Replace(ServiceDescriptor.Singleton<IRepository<User>>(_users));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<User>>(_users));
        services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore>(_tokens));
        services.Replace(ServiceDescriptor.Singleton<ILoginFailureStore>(new InMemoryLoginFailureStore(_users)));
        services.Replace(ServiceDescriptor.Singleton<IAdminChangeLock>(new ImmediateAdminChangeLock()));
        services.Replace(ServiceDescriptor.Singleton<ITransactions>(new ImmediateTransactions()));
        services.Replace(ServiceDescriptor.Singleton<IPasswordHasher>(new FakePasswordHasher()));
        services.Replace(ServiceDescriptor.Singleton<ITokenService>(new FakeTokenService()));
        services.Replace(ServiceDescriptor.Singleton<IAudioStore>(_store));
        services.Replace(ServiceDescriptor.Singleton<IAudioInspector>(new FakeAudioInspector()
            .Returns("pipeline", FakeAudioInspector.Inspection(new AudioTags("Uploaded")))));
        services.Replace(ServiceDescriptor.Singleton<ISongUrls>(FakeSongUrls.Instance));
        services.Replace(ServiceDescriptor.Singleton<IRepository<MusicPlayer.Domain.Uploads.UploadSession>>(_uploadSessions));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<MusicPlayer.Domain.Uploads.UploadSession>>(_uploadSessions));
        services.Replace(ServiceDescriptor.Singleton<IUploadUrlSigner>(FakeUploadUrls.Instance));
        services.Replace(ServiceDescriptor.Singleton<MusicPlayer.Application.Features.Streaming.IStreamUrlSigner>(FakeStreamUrlSigner.Instance));
        services.Replace(ServiceDescriptor.Singleton(new MusicPlayer.Application.Features.Streaming.StreamingOptions()));
        services.Replace(ServiceDescriptor.Singleton<MusicPlayer.Application.Features.Streaming.StreamSlots, MusicPlayer.Application.Features.Streaming.StreamSlots>());
        services.Replace(ServiceDescriptor.Singleton<IUploadSessionUrls>(FakeUploadUrls.Instance));
        services.Replace(ServiceDescriptor.Singleton<MusicPlayer.Application.Common.Observability.IServiceMetrics>(_metrics));
        services.Replace(ServiceDescriptor.Singleton<IRepository<Comment>>(_comments));
        services.Replace(ServiceDescriptor.Singleton<IReadRepository<Comment>>(_comments));
        services.Replace(ServiceDescriptor.Singleton<ICommentStore>(new InMemoryCommentStore(_comments, _users, _songs, new CommentLimit())));
        services.Replace(ServiceDescriptor.Singleton<ISigningKeys>(_signingKeys));
        // The infrastructure registers the catalog reads' implementation; the specifications' one reads the fakes.
        services.Replace(ServiceDescriptor.Scoped<ICatalogReads>(p => p.GetRequiredService<SpecCatalogReads>()));

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _provider.CreateScope();
    }

    public void Dispose()
    {
        _scope.Dispose();
        _provider.Dispose();
    }

    private IMediator Mediator => _scope.ServiceProvider.GetRequiredService<IMediator>();

    private void SignIn(FakeCurrentUser who)
    {
        _user.UserId = who.UserId;
        _user.Roles.Clear();
        _user.Roles.UnionWith(who.Roles);
    }

    private static AlbumInput InvalidAlbum() => TestData.AlbumInput(title: "   ", artist: TestData.Chars(101));

    /// <summary>
    /// Every catalog request of the contract, by name, with valid arguments for <see cref="SeedAlbumWithSong"/>;
    /// each command would visibly change that data if it ran.
    /// </summary>
    private static readonly Dictionary<string, Func<IMediator, Task>> Requests = new()
    {
        ["ListAlbums"] = m => m.Send(new ListAlbums.Query()),
        ["ListSongs"] = m => m.Send(new ListSongs.Query()),
        ["ListSongCharts"] = m => m.Send(new ListSongCharts.Query()),
        ["Search"] = m => m.Send(new MusicPlayer.Application.Features.Search.Search.Query { Q = "blue" }),
        ["ListArtists"] = m => m.Send(new MusicPlayer.Application.Features.Artists.ListArtists.Query()),
        ["GetAlbum"] = m => m.Send(new GetAlbum.Query(1)),
        ["ListAlbumSongs"] = m => m.Send(new ListAlbumSongs.Query(1)),
        ["GetSong"] = m => m.Send(new GetSong.Query(1)),
        ["CreateAlbum"] = m => m.Send(new CreateAlbum.Command(TestData.AlbumInput())),
        ["UpdateAlbum"] = m => m.Send(new UpdateAlbum.Command(1, TestData.AlbumInput(title: "Updated"))),
        ["DeleteAlbum"] = m => m.Send(new DeleteAlbum.Command(1)),
        ["SetAlbumSong"] = m => m.Send(new SetAlbumSong.Command(1, 1, 2)),
        ["RemoveAlbumSong"] = m => m.Send(new RemoveAlbumSong.Command(1, 1)),
        ["CreateSong"] = m => m.Send(new CreateSong.Command(TestData.SongInput())),
        ["UpdateSong"] = m => m.Send(new UpdateSong.Command(1, TestData.SongInput(title: "Updated"))),
        ["DeleteSong"] = m => m.Send(new DeleteSong.Command(1)),
        ["UploadSong"] = m => m.Send(new UploadSong.Command(new BytesUpload(FakeAudioInspector.File("pipeline"), "pipeline.ogg"))),
        ["CreateUploadSession"] = m => m.Send(new CreateUploadSession.Command("pipeline.ogg", 100, null)),
        ["CompleteUploadSession"] = m => m.Send(new CompleteUploadSession.Command(1)),
        ["ReplaceSongAudio"] = m => m.Send(new ReplaceSongAudio.Command(1, new BytesUpload(FakeAudioInspector.File("pipeline")))),
        ["DeleteSongAudio"] = m => m.Send(new DeleteSongAudio.Command(1)),
        ["GetSongCover"] = m => m.Send(new GetSongCover.Query(1)),
        ["GetAlbumCover"] = m => m.Send(new GetAlbumCover.Query(1)),
        ["PutSongCover"] = m => m.Send(new PutSongCover.Command(1, new MemoryStream([0xFF, 0xD8, 0xFF, 1]))),
        ["PutAlbumCover"] = m => m.Send(new PutAlbumCover.Command(1, new MemoryStream([0xFF, 0xD8, 0xFF, 2]))),
        ["GetStreamUrl"] = m => m.Send(new MusicPlayer.Application.Features.Streaming.GetStreamUrl.Query(1)),
        // Public at the request level: a signed URL is the credential of an anonymous caller.
        ["OpenSongStream"] = m => m.Send(new MusicPlayer.Application.Features.Streaming.OpenSongStream.Query(1, StreamExpiry.ToString(),
            FakeStreamUrlSigner.Instance.Sign(1, StreamExpiry))),
        ["ListSongComments"] = m => m.Send(new ListSongComments.Query(1)),
        // A public playlist (1) of user 7 holding the song.
        ["ListPublicPlaylists"] = m => m.Send(new ListPublicPlaylists.Query()),
        ["GetPlaylist"] = m => m.Send(new GetPlaylist.Query(1)),
        ["ListPlaylistSongs"] = m => m.Send(new ListPlaylistSongs.Query { Id = 1 }),
    };

    private static readonly long StreamExpiry = DateTimeOffset.UtcNow.AddYears(100).ToUnixTimeSeconds();

    private void SeedAlbumWithSong()
    {
        var song = TestData.Song(id: 1);
        var album = TestData.Album(id: 1);
        album.SetSong(song, 1);
        // Stored audio and a cover (on both), so that every audio and cover request has something to act on.
        var cover = _store.WriteAsync(new MemoryStream([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]), 100, default).GetAwaiter().GetResult();
        song.SetCover(new CoverImage(cover.Key, "image/png", cover.Size, cover.Sha256), TestData.Now);
        album.SetCover(new CoverImage(cover.Key, "image/png", cover.Size, cover.Sha256), TestData.Now);
        var audio = _store.WriteAsync(new MemoryStream(FakeAudioInspector.File("seeded")), 100, default).GetAwaiter().GetResult();
        song.AttachAudio(AudioLibrary.ToAudioFile(audio, FakeAudioInspector.Inspection()), TestData.Now);
        _songs.Seed(song);
        _albums.Seed(album);
        // An upload session (id 1) holding received bytes, which completing it makes a song.
        var received = _store.WriteAsync(new MemoryStream(FakeAudioInspector.File("pipeline")), 100, default).GetAwaiter().GetResult();
        var session = MusicPlayer.Domain.Uploads.UploadSession.Create("pipeline.ogg", received.Size, null, 1, TestData.Now, TimeSpan.FromDays(36500));
        session.Receive(received.Key, received.Size, received.Sha256);
        _uploadSessions.Seed(session);
        var playlist = _playlistStore.CreateAsync(7, new PlaylistDetails("Shared", null, IsPublic: true), TestData.Now, default).GetAwaiter().GetResult();
        _playlistStore.AddAsync(playlist, null, [1], null, TestData.Now, default).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Every account and likes request of the contract that needs a signed-in caller, with valid arguments
    /// for <see cref="SeedAccounts"/> as seen by <see cref="FakeCurrentUser.User"/> (id 7); each would visibly
    /// change that data, or read it, if it ran.
    /// </summary>
    private static readonly Dictionary<string, Func<IMediator, Task>> AccountRequests = new()
    {
        ["Logout"] = m => m.Send(new Logout.Command("session-of-7")),
        ["GetMe"] = m => m.Send(new GetMe.Query()),
        ["UpdateMe"] = m => m.Send(new UpdateMe.Command("changed", "Changed")),
        ["ChangePassword"] = m => m.Send(new ChangePassword.Command(TestData.Password, "new-passw0rd")),
        ["ListMyLikes"] = m => m.Send(new ListMyLikes.Query()),
        ["LikeSong"] = m => m.Send(new LikeSong.Command(1)),
        ["UnlikeSong"] = m => m.Send(new UnlikeSong.Command(1)),
        ["GetUser"] = m => m.Send(new GetUser.Query(2)),
        ["ListUsers"] = m => m.Send(new ListUsers.Query()),
        ["UpdateUser"] = m => m.Send(new UpdateUser.Command(2, TestData.UserInput(username: "changed", email: "changed@example.com"))),
        ["ChangeRole"] = m => m.Send(new ChangeRole.Command(2, Roles.Admin)),
        ["DeleteUser"] = m => m.Send(new DeleteUser.Command(2)),
        ["PostComment"] = m => m.Send(new PostComment.Command(1, new CommentInput("Another one."))),
        ["UpdateComment"] = m => m.Send(new UpdateComment.Command(1, new CommentInput("Edited."))),
        ["DeleteComment"] = m => m.Send(new DeleteComment.Command(1)),
        ["RotateSigningKey"] = m => m.Send(new RotateSigningKey.Command()),
        // Alice's playlist 1 with entry 1.
        ["ListMyPlaylists"] = m => m.Send(new ListMyPlaylists.Query()),
        ["CreatePlaylist"] = m => m.Send(new CreatePlaylist.Command(new PlaylistInput("Road trip"))),
        ["UpdatePlaylist"] = m => m.Send(new UpdatePlaylist.Command(1, new PlaylistInput("Renamed"))),
        ["DeletePlaylist"] = m => m.Send(new DeletePlaylist.Command(1)),
        ["AddPlaylistSongs"] = m => m.Send(new AddPlaylistSongs.Command(1, new AddPlaylistSongs.AddSongsInput([1]))),
        ["MovePlaylistEntry"] = m => m.Send(new MovePlaylistEntry.Command(1, 1, new MovePlaylistEntry.MoveEntryInput(1))),
        ["RemovePlaylistEntry"] = m => m.Send(new RemovePlaylistEntry.Command(1, 1)),
        ["RecordPlays"] = m => m.Send(new RecordPlays.Command { Plays = [new() { SongId = 1, SecondsPlayed = 100 }] }),
        ["ListMyHistory"] = m => m.Send(new ListMyHistory.Query()),
        ["GetMyStats"] = m => m.Send(new GetMyStats.Query()),
        ["GetOverview"] = m => m.Send(new GetOverview.Query()),
    };

    /// <summary>An admin (1), bob (2), alice (7) with a refresh token, a song alice and bob like, and alice's comment (1) on it.</summary>
    private async Task SeedAccounts()
    {
        var alice = TestData.User(id: 7);
        _users.Seed(TestData.Admin(id: 1), TestData.User(username: "bob", email: "bob@example.com", id: 2), alice);
        _tokens.Seed(7, "session-of-7");
        _songs.Seed(TestData.Song(id: 1));
        _comments.Seed(TestData.Comment(1, alice, "First!", id: 1));
        await _likeStore.LikeAsync(7, 1, TestData.Now, CancellationToken.None);
        await _likeStore.LikeAsync(2, 1, TestData.Now, CancellationToken.None);
        var playlist = await _playlistStore.CreateAsync(7, new PlaylistDetails("Alice's", null, false), TestData.Now, CancellationToken.None);
        await _playlistStore.AddAsync(playlist, null, [1], null, TestData.Now, CancellationToken.None);
    }

    private void AccountsShouldBeUnchanged()
    {
        _users.Items.Select(u => (u.Id, u.Username, u.Role, u.SessionVersion))
            .Should().Equal((1, "root", Roles.Admin, 1), (2, "bob", Roles.User, 1), (7, "alice", Roles.User, 1));
        _tokens.Items.Should().ContainSingle().Which.IsActive(_clock.GetUtcNow().UtcDateTime).Should().BeTrue();
        _likes.Items.Should().HaveCount(2);
        _songs.Items.Single().LikeCount.Should().Be(2);
        _comments.Items.Should().ContainSingle().Which.Body.Should().Be("First!");
        _signingKeys.Rotations.Should().Be(0);
        _playlists.Items.Should().ContainSingle().Which.Version.Should().Be(2);
        _entries.Items.Should().ContainSingle();
        _playStore.Plays.Should().BeEmpty();
    }

    // Order

    [Fact]
    public void Behaviours_AnyRequest_AreLoggingThenAuthorizationThenSecurityAuditThenValidation()
    {
        var commandBehaviours = _scope.ServiceProvider.GetServices<IPipelineBehavior<CreateAlbum.Command, AlbumDetailDto>>();
        var queryBehaviours = _scope.ServiceProvider.GetServices<IPipelineBehavior<ListSongs.Query, PagedResult<SongDto>>>();

        Type[] expected = [typeof(LoggingBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(SecurityAuditBehaviour<,>), typeof(ValidationBehaviour<,>)];
        commandBehaviours.Select(b => b.GetType().GetGenericTypeDefinition()).Should()
            .Equal([.. expected, typeof(CatalogChangeBehaviour<,>), typeof(MusicPlayer.Application.Features.Search.Memory.SearchMemoryBehaviour<,>)],
                "catalog writes also move the catalog version, and innermost bring the in-memory search index up to date");
        queryBehaviours.Select(b => b.GetType().GetGenericTypeDefinition()).Should().Equal(expected);
    }

    // Security events

    private IEnumerable<CapturingLoggerProvider.LogEntry> SecurityEntries =>
        _logs.Entries.Where(e => e.Category.StartsWith("MusicPlayer.Application.Common.Behaviours.SecurityAuditBehaviour"));

    [Fact]
    public async Task Send_RoleChange_IsLoggedAsASecurityEventWithActorAndTarget()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2));
        SignIn(FakeCurrentUser.Admin(1));

        await Mediator.Send(new ChangeRole.Command(2, Roles.Admin));

        SecurityEntries.Should().ContainSingle().Which.Should().Match<CapturingLoggerProvider.LogEntry>(e =>
            e.Level == LogLevel.Information && e.Message == "Security event role change succeeded: user 1, target 2");
    }

    [Fact]
    public async Task Send_WrongCurrentPassword_IsLoggedAsARefusedSecurityEventWithoutThePasswords()
    {
        _users.Seed(TestData.User(id: 2, password: "right-passw0rd"));
        SignIn(FakeCurrentUser.User(2));

        var act = () => Mediator.Send(new ChangePassword.Command("guessed-passw0rd", "new-passw0rd-1"));

        await act.Should().ThrowAsync<RequestValidationException>();
        var entry = SecurityEntries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().Be("Security event password change refused (RequestValidation): user 2, target (null)");
        _logs.Entries.Should().NotContain(e => e.Message.Contains("passw0rd"), "no password ever reaches a log");
    }

    [Fact]
    public async Task Send_OrdinaryRequest_IsNoSecurityEvent()
    {
        SignIn(FakeCurrentUser.Admin());

        await Mediator.Send(new CreateAlbum.Command(TestData.AlbumInput()));

        SecurityEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_HandledRequest_IsTimedAtDebugLevel()
    {
        SignIn(FakeCurrentUser.Admin());

        await Mediator.Send(new CreateAlbum.Command(TestData.AlbumInput()));

        _logs.Entries.Should().ContainSingle(e => e.Category.StartsWith("MusicPlayer.Application.Common.Behaviours.LoggingBehaviour"))
            .Which.Should().Match<CapturingLoggerProvider.LogEntry>(e =>
                e.Level == LogLevel.Debug && e.Message.StartsWith("Handled MusicPlayer.Application.Features.Albums.CreateAlbum+Command in "));
    }

    [Fact]
    public async Task Send_RefusedRequest_IsLoggedByTheOutermostBehaviour()
    {
        var act = () => Mediator.Send(new GetAlbum.Query(1));

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _logs.Entries.Should().ContainSingle(e => e.Category.StartsWith("MusicPlayer.Application.Common.Behaviours.LoggingBehaviour"))
            .Which.Should().Match<CapturingLoggerProvider.LogEntry>(e =>
                e.Level == LogLevel.Information && e.Message.EndsWith("refused: UnauthenticatedException"));
    }

    [Fact]
    public async Task Send_InvalidRequest_IsLoggedByTheOutermostBehaviour()
    {
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new CreateAlbum.Command(InvalidAlbum()));

        await act.Should().ThrowAsync<RequestValidationException>();
        _logs.Entries.Should().Contain(e => e.Level == LogLevel.Information && e.Message.EndsWith("refused: RequestValidationException"));
    }

    // Authorization, for every request of the shared access table

    private static TheoryData<string> Of(Dictionary<string, Func<IMediator, Task>> requests, params Access[] access) =>
        [.. requests.Keys.Where(name => access.Any(a => AccessContract.UseCases(a).Contains(name)))];

    public static TheoryData<string> PublicCatalogRequests => Of(Requests, Access.Public);
    public static TheoryData<string> AuthenticatedCatalogRequests => Of(Requests, Access.Authenticated);
    public static TheoryData<string> AdminCatalogRequests => Of(Requests, Access.Admin);
    public static TheoryData<string> ProtectedCatalogRequests => Of(Requests, Access.Authenticated, Access.Admin);
    public static TheoryData<string> AuthenticatedAccountRequests => Of(AccountRequests, Access.Authenticated);
    public static TheoryData<string> AdminAccountRequests => Of(AccountRequests, Access.Admin);
    public static TheoryData<string> ProtectedAccountRequests => Of(AccountRequests, Access.Authenticated, Access.Admin);

    [Fact]
    public void Requests_EveryProtectedRequestOfTheContract_IsSentThroughThePipelineHere()
    {
        var exercised = Requests.Keys.Concat(AccountRequests.Keys).ToArray();
        var contract = AccessContract.ByRequest.Keys.Select(AccessContract.UseCase).ToArray();

        exercised.Should().OnlyHaveUniqueItems().And.BeSubsetOf(contract);
        exercised.Should().Contain(AccessContract.UseCases(Access.Authenticated).Concat(AccessContract.UseCases(Access.Admin)),
            "a protected request needs a line in Requests or AccountRequests, so the theories below refuse and admit it");
        exercised.Should().Contain(AccessContract.UseCases(Access.Public).Where(n => n.StartsWith("List", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ProtectedCatalogRequests))]
    public async Task Send_AnonymousCallerOnProtectedRequest_ThrowsUnauthenticated(string request)
    {
        SeedAlbumWithSong();

        var act = () => Requests[request](Mediator);

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Send_AnonymousCallerWithInvalidAdminCommand_ThrowsUnauthenticatedBeforeValidation()
    {
        var act = () => Mediator.Send(new CreateAlbum.Command(InvalidAlbum()));

        await act.Should().ThrowAsync<UnauthenticatedException>();
        _albums.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_AnonymousCallerWithInvalidTrackNumber_ThrowsUnauthenticatedBeforeValidation()
    {
        var act = () => Mediator.Send(new SetAlbumSong.Command(1, 1, 0));

        await act.Should().ThrowAsync<UnauthenticatedException>();
    }

    [Fact]
    public async Task Send_RolelessSignedInCallerWithInvalidAdminCommand_ThrowsForbiddenBeforeValidation()
    {
        SignIn(FakeCurrentUser.WithRoles(5));

        var act = () => Mediator.Send(new UpdateSong.Command(1, TestData.SongInput(fileUrl: null)));

        await act.Should().ThrowAsync<ForbiddenException>();
    }

    [Theory]
    [MemberData(nameof(AdminCatalogRequests))]
    public async Task Send_UserRoleOnAdminCommand_ThrowsForbiddenAndChangesNothing(string request)
    {
        SeedAlbumWithSong();
        SignIn(FakeCurrentUser.User());

        var act = () => Requests[request](Mediator);

        await act.Should().ThrowAsync<ForbiddenException>();
        _albums.Items.Should().ContainSingle().Which.Title.Should().Be("Kind of Blue");
        _albums.Items.Single().Songs.Should().ContainSingle().Which.TrackNumber.Should().Be(1);
        _songs.Items.Should().ContainSingle().Which.Title.Should().Be("So What");
    }

    [Fact]
    public async Task Send_UserRoleOnAdminCommandForUnknownId_ThrowsForbiddenNotNotFound()
    {
        SignIn(FakeCurrentUser.User());

        var act = () => Mediator.Send(new DeleteAlbum.Command(404));

        await act.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task Send_UserRoleWithInvalidAdminCommand_ThrowsForbiddenBeforeValidation()
    {
        SignIn(FakeCurrentUser.User());

        var act = () => Mediator.Send(new CreateAlbum.Command(InvalidAlbum()));

        await act.Should().ThrowAsync<ForbiddenException>();
    }

    [Theory]
    [MemberData(nameof(AuthenticatedCatalogRequests))]
    public async Task Send_UserRoleOnAuthenticatedQuery_Succeeds(string request)
    {
        SeedAlbumWithSong();
        SignIn(FakeCurrentUser.User());

        var act = () => Requests[request](Mediator);

        await act.Should().NotThrowAsync();
    }

    [Theory]
    [MemberData(nameof(PublicCatalogRequests))]
    public async Task Send_AnonymousCallerOnPublicQuery_Succeeds(string request)
    {
        SeedAlbumWithSong();

        var act = () => Requests[request](Mediator);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Send_AnonymousCallerOnPublicQuery_ReturnsThePage()
    {
        _albums.Seed(TestData.Album(title: "B"), TestData.Album(title: "A"));

        var result = await Mediator.Send(new ListAlbums.Query { Sort = "title" });

        result.Items.Select(a => a.Title).Should().Equal("A", "B");
        result.TotalCount.Should().Be(2);
    }

    [Theory]
    [MemberData(nameof(ProtectedCatalogRequests))]
    public async Task Send_AdminOnAnyRequest_Succeeds(string request)
    {
        SeedAlbumWithSong();
        SignIn(FakeCurrentUser.Admin());

        var act = () => Requests[request](Mediator);

        await act.Should().NotThrowAsync();
    }

    [Theory]
    [MemberData(nameof(ProtectedAccountRequests))]
    public async Task Send_AnonymousCallerOnAccountRequest_ThrowsUnauthenticatedAndChangesNothing(string request)
    {
        await SeedAccounts();

        var act = () => AccountRequests[request](Mediator);

        await act.Should().ThrowAsync<UnauthenticatedException>();
        AccountsShouldBeUnchanged();
    }

    [Theory]
    [MemberData(nameof(AdminAccountRequests))]
    public async Task Send_UserRoleOnAdminAccountRequest_ThrowsForbiddenAndChangesNothing(string request)
    {
        await SeedAccounts();
        SignIn(FakeCurrentUser.User(7));

        var act = () => AccountRequests[request](Mediator);

        await act.Should().ThrowAsync<ForbiddenException>();
        AccountsShouldBeUnchanged();
    }

    [Theory]
    [MemberData(nameof(AuthenticatedAccountRequests))]
    public async Task Send_UserRoleOnAuthenticatedAccountRequest_Succeeds(string request)
    {
        await SeedAccounts();
        SignIn(FakeCurrentUser.User(7));

        var act = () => AccountRequests[request](Mediator);

        await act.Should().NotThrowAsync();
    }

    [Theory]
    [MemberData(nameof(AdminAccountRequests))]
    public async Task Send_AdminOnAdminAccountRequest_Succeeds(string request)
    {
        await SeedAccounts();
        SignIn(FakeCurrentUser.Admin(1));

        var act = () => AccountRequests[request](Mediator);

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task Send_UserLikesASong_ReachesTheLikeStore()
    {
        await SeedAccounts();
        SignIn(FakeCurrentUser.User(9));
        _clock.Advance(TimeSpan.FromMinutes(5));

        await Mediator.Send(new LikeSong.Command(1));

        _likes.Items.Should().ContainSingle(l => l.UserId == 9).Which.LikedAt.Should().Be(TestData.Minutes(5));
        _songs.Items.Single().LikeCount.Should().Be(3);
        _metrics.Likes.Should().Equal(MusicPlayer.Application.Common.Observability.LikeChange.Like);
    }

    [Fact]
    public async Task Send_AnonymousRegisterThenLogin_CreatesTheUserAndIssuesTokens()
    {
        var registered = await Mediator.Send(TestData.Register(username: " carol ", email: "carol@example.com"));
        var tokens = await Mediator.Send(new Login.Command("CAROL@example.com", TestData.Password));

        registered.Username.Should().Be("carol");
        registered.Role.Should().Be(Roles.User);
        tokens.UserId.Should().Be(registered.Id);
        tokens.AccessToken.Should().Be(FakeTokenService.TokenFor(registered.Id, Roles.User, 1));
        _tokens.Items.Should().ContainSingle().Which.TokenHash.Should().Be(RefreshSecrets.Hash(tokens.RefreshToken));
    }

    [Fact]
    public async Task Send_AnonymousRefresh_RotatesTheToken()
    {
        await SeedAccounts();

        var result = await Mediator.Send(new Refresh.Command("session-of-7"));

        result.UserId.Should().Be(7);
        _tokens.Items.Should().HaveCount(2);
        _tokens.BySecret("session-of-7")!.UsedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Send_AnonymousEnsureAdmin_CreatesTheAdmin()
    {
        await Mediator.Send(new EnsureAdmin.Command("admin@example.com", "admin-passw0rd", "admin"));

        _users.Items.Should().ContainSingle().Which.Role.Should().Be(Roles.Admin);
    }

    // Validation

    [Fact]
    public async Task Send_InvalidRegistration_ThrowsValidationByFieldAndCreatesNobody()
    {
        var act = () => Mediator.Send(TestData.Register(username: "a b", email: "nope", password: "short", firstName: " "));

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("username", "email", "password", "firstName");
        _users.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_ChangePasswordWithWrongCurrentPassword_ThrowsValidationForCurrentPassword()
    {
        await SeedAccounts();
        SignIn(FakeCurrentUser.User(7));

        var act = () => Mediator.Send(new ChangePassword.Command("wrong-passw0rd", "new-passw0rd"));

        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("currentPassword");
        AccountsShouldBeUnchanged();
    }


    [Fact]
    public async Task Send_AdminWithInvalidCommand_ThrowsValidationGroupedByCamelCaseField()
    {
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new CreateAlbum.Command(
            TestData.AlbumInput(title: "  ", artist: TestData.Chars(101), genre: null, coverImageUrl: "ftp://" + TestData.Chars(300))));

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("title", "artist", "genre", "coverImageUrl");
        errors["title"].Should().Equal("'title' is required.");
        errors["artist"].Should().Equal("'artist' must be at most 100 characters.");
        errors["genre"].Should().Equal("'genre' is required.");
        errors["coverImageUrl"].Should().BeEquivalentTo(
            "'coverImageUrl' must be at most 255 characters.", "'coverImageUrl' must be an absolute http(s) URL.");
        _albums.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_AdminWithMissingBody_ThrowsValidationForTheBody()
    {
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new CreateSong.Command(null!));

        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("song");
    }

    [Fact]
    public async Task Send_AdminWithInvalidSongUpdate_ThrowsValidationAndLeavesSongUnchanged()
    {
        SeedAlbumWithSong();
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new UpdateSong.Command(1, TestData.SongInput(title: "Changed", fileUrl: "nope", duration: 0)));

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("fileUrl", "duration");
        _songs.Items.Single().Title.Should().Be("So What");
    }

    [Fact]
    public async Task Send_AdminWithTrackNumberOutOfRange_ThrowsValidationAndLinksNothing()
    {
        _albums.Seed(TestData.Album(id: 1));
        _songs.Seed(TestData.Song(id: 1));
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new SetAlbumSong.Command(1, 1, 10_000));

        (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors.Keys.Should().Equal("trackNumber");
        _albums.Items.Single().Songs.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_AnonymousCallerWithInvalidPublicQuery_ThrowsValidationWithEveryField()
    {
        var act = () => Mediator.Send(new ListSongs.Query { Page = 0, PageSize = 101, Sort = "name", AlbumId = 0 });

        var errors = (await act.Should().ThrowAsync<RequestValidationException>()).Which.Errors;
        errors.Keys.Should().BeEquivalentTo("page", "pageSize", "sort", "albumId");
        errors["page"].Should().Equal("'page' must be 1 or more.");
        errors["pageSize"].Should().Equal("'pageSize' must be between 1 and 100.");
    }

    // Handler

    [Fact]
    public async Task Send_AdminWithValidCommand_ReachesTheHandler()
    {
        SignIn(FakeCurrentUser.Admin());
        _clock.SetUtcNow(new DateTimeOffset(2027, 5, 6, 7, 8, 9, TimeSpan.Zero));

        var result = await Mediator.Send(new CreateAlbum.Command(TestData.AlbumInput(title: " Giant Steps ")));

        result.Id.Should().Be(1);
        result.CreatedAt.Should().Be(new DateTime(2027, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        _albums.Items.Should().ContainSingle().Which.Title.Should().Be("Giant Steps");
    }

    [Fact]
    public async Task Send_AdminForUnknownId_ThrowsNotFound()
    {
        SignIn(FakeCurrentUser.Admin());

        var act = () => Mediator.Send(new RemoveAlbumSong.Command(3, 4));

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
