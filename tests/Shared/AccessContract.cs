using System.Reflection;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Artists;
using MusicPlayer.Application.Features.Search;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Comments;
using MusicPlayer.Application.Features.Covers;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Stats;
using MusicPlayer.Application.Features.Uploads;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Streaming;
using MusicPlayer.Application.Features.Tokens;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Tests.Shared;

/// <summary>Who may send a request: anyone, any signed-in caller, or admins only.</summary>
public enum Access
{
    Public,
    Authenticated,
    Admin,
}

/// <summary>
/// The access column of the contract (docs/api.md, "Roles and access" and each operation), by request type: the one table the tests hold about access. It is
/// deliberately written apart from the requests' <see cref="AuthorizeAttribute"/>s (a missing attribute
/// is an open door, and must fail a test). Compiled into the application unit tests (declarations,
/// pipeline) and the HTTP tests (endpoints, OpenAPI document), which find each request's method and
/// route from the app's endpoints rather than from a second table.
/// </summary>
public static class AccessContract
{
    public static readonly IReadOnlyDictionary<Type, Access> ByRequest = new Dictionary<Type, Access>
    {
        // Accounts
        [typeof(Register.Command)] = Access.Public,
        [typeof(Login.Command)] = Access.Public,
        [typeof(Refresh.Command)] = Access.Public,
        [typeof(Logout.Command)] = Access.Authenticated,
        [typeof(GetMe.Query)] = Access.Authenticated,
        [typeof(UpdateMe.Command)] = Access.Authenticated,
        [typeof(ChangePassword.Command)] = Access.Authenticated,
        [typeof(ListMyLikes.Query)] = Access.Authenticated,
        [typeof(ListUsers.Query)] = Access.Admin,
        [typeof(GetUser.Query)] = Access.Authenticated,
        [typeof(UpdateUser.Command)] = Access.Admin,
        [typeof(ChangeRole.Command)] = Access.Admin,
        [typeof(DeleteUser.Command)] = Access.Admin,
        // Sent by the host at start-up, never over HTTP; no caller is signed in then.
        [typeof(EnsureAdmin.Command)] = Access.Public,
        // Likes
        [typeof(LikeSong.Command)] = Access.Authenticated,
        [typeof(UnlikeSong.Command)] = Access.Authenticated,
        // Catalog
        [typeof(ListAlbums.Query)] = Access.Public,
        [typeof(GetAlbum.Query)] = Access.Authenticated,
        [typeof(ListAlbumSongs.Query)] = Access.Authenticated,
        [typeof(CreateAlbum.Command)] = Access.Admin,
        [typeof(UpdateAlbum.Command)] = Access.Admin,
        [typeof(DeleteAlbum.Command)] = Access.Admin,
        [typeof(SetAlbumSong.Command)] = Access.Admin,
        [typeof(RemoveAlbumSong.Command)] = Access.Admin,
        [typeof(ListSongs.Query)] = Access.Public,
        // Search
        [typeof(Search.Query)] = Access.Public,
        [typeof(ListArtists.Query)] = Access.Public,
        [typeof(GetSong.Query)] = Access.Authenticated,
        [typeof(CreateSong.Command)] = Access.Admin,
        [typeof(UpdateSong.Command)] = Access.Admin,
        [typeof(DeleteSong.Command)] = Access.Admin,
        // Audio: upload, storage, covers
        [typeof(UploadSong.Command)] = Access.Admin,
        [typeof(CreateUploadSession.Command)] = Access.Admin,
        // The signed URL is the credential: no bearer token; a wrong or expired signature is a 403.
        [typeof(PutUploadSessionContent.Command)] = Access.Public,
        [typeof(CompleteUploadSession.Command)] = Access.Admin,
        [typeof(ReplaceSongAudio.Command)] = Access.Admin,
        [typeof(DeleteSongAudio.Command)] = Access.Admin,
        [typeof(GetSongCover.Query)] = Access.Public,
        [typeof(GetAlbumCover.Query)] = Access.Public,
        [typeof(PutSongCover.Command)] = Access.Admin,
        [typeof(PutAlbumCover.Command)] = Access.Admin,
        // Streaming: a bearer token or a signed URL, so public at the request level; the handler refuses an
        // anonymous caller without a signature (401) and a wrong, expired or other song's signature (403).
        [typeof(OpenSongStream.Query)] = Access.Public,
        [typeof(GetStreamUrl.Query)] = Access.Authenticated,
        // Comments: the author (or an admin, for deletion) is checked by the handler, after the token.
        [typeof(ListSongComments.Query)] = Access.Public,
        [typeof(GetComment.Query)] = Access.Public,
        [typeof(PostComment.Command)] = Access.Authenticated,
        [typeof(UpdateComment.Command)] = Access.Authenticated,
        [typeof(DeleteComment.Command)] = Access.Authenticated,
        // Tokens for other services
        [typeof(GetJwks.Query)] = Access.Public,
        [typeof(RotateSigningKey.Command)] = Access.Admin,
        // Playlists: whose playlist it is, the handlers decide (Ownership); public ones are readable by anyone.
        [typeof(ListMyPlaylists.Query)] = Access.Authenticated,
        [typeof(ListPublicPlaylists.Query)] = Access.Public,
        [typeof(GetPlaylist.Query)] = Access.Public,
        [typeof(CreatePlaylist.Command)] = Access.Authenticated,
        [typeof(UpdatePlaylist.Command)] = Access.Authenticated,
        [typeof(DeletePlaylist.Command)] = Access.Authenticated,
        [typeof(ListPlaylistSongs.Query)] = Access.Public,
        [typeof(AddPlaylistSongs.Command)] = Access.Authenticated,
        [typeof(MovePlaylistEntry.Command)] = Access.Authenticated,
        [typeof(RemovePlaylistEntry.Command)] = Access.Authenticated,
        // Listening history and statistics
        [typeof(RecordPlays.Command)] = Access.Authenticated,
        [typeof(ListMyHistory.Query)] = Access.Authenticated,
        [typeof(GetMyStats.Query)] = Access.Authenticated,
        [typeof(ListSongCharts.Query)] = Access.Public,
        [typeof(GetOverview.Query)] = Access.Admin,
    };

    /// <summary>Requests no HTTP operation sends.</summary>
    public static readonly IReadOnlyList<Type> HostOnly = [typeof(EnsureAdmin.Command)];

    /// <summary>A request's use-case name (<c>GetAlbum</c> for <c>GetAlbum.Query</c>), as the pipeline tests key them.</summary>
    public static string UseCase(Type requestType) => requestType.DeclaringType?.Name ?? requestType.Name;

    /// <summary>The use-case names of the requests with <paramref name="access"/>.</summary>
    public static IEnumerable<string> UseCases(Access access) =>
        ByRequest.Where(r => r.Value == access).Select(r => UseCase(r.Key));

    /// <summary>What <paramref name="requestType"/> itself declares with <see cref="AuthorizeAttribute"/>.</summary>
    public static Access Declared(Type requestType)
    {
        var rule = requestType.GetCustomAttribute<AuthorizeAttribute>(inherit: true);
        if (rule is null) return Access.Public;
        return rule.RoleNames.Count == 0 ? Access.Authenticated
            : rule.RoleNames.SequenceEqual([Roles.Admin]) ? Access.Admin
            : throw new InvalidOperationException($"{requestType} declares roles the contract does not have: {rule.Roles}");
    }
}
