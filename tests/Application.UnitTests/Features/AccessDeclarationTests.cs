using System.Reflection;
using MediatR;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Application.UnitTests.Features;

/// <summary>
/// Every request type declares the access level the access column of API.md gives its operation.
/// The authorization behaviour enforces whatever is declared, so a missing attribute is an open door.
/// </summary>
public sealed class AccessDeclarationTests
{
    public enum Access
    {
        Public,
        Authenticated,
        Admin,
    }

    /// <summary>API.md's access column, by request type.</summary>
    private static readonly Dictionary<Type, Access> Contract = new()
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
        [typeof(GetSong.Query)] = Access.Authenticated,
        [typeof(CreateSong.Command)] = Access.Admin,
        [typeof(UpdateSong.Command)] = Access.Admin,
        [typeof(DeleteSong.Command)] = Access.Admin,
    };

    public static TheoryData<string> RequestNames => [.. Contract.Keys.Select(Name)];

    private static string Name(Type type) => type.FullName!;

    private static Access Declared(Type requestType)
    {
        var rule = requestType.GetCustomAttribute<AuthorizeAttribute>(inherit: true);
        if (rule is null) return Access.Public;
        var roles = rule.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return roles.Length == 0 ? Access.Authenticated
            : roles.SequenceEqual([Roles.Admin]) ? Access.Admin
            : throw new InvalidOperationException($"{requestType} declares roles the contract does not have: {rule.Roles}");
    }

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void Request_DeclaresTheAccessOfTheContract(string requestName)
    {
        var type = Contract.Keys.Single(t => Name(t) == requestName);

        Declared(type).Should().Be(Contract[type]);
    }

    [Fact]
    public void Requests_EveryRequestOfTheApplication_IsInTheContractTable()
    {
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

        requests.Should().BeEquivalentTo(Contract.Keys, "a new request must be given its access level here first");
    }

    [Fact]
    public void Requests_AccountAndLikesRequests_AreOnlyPublicWhereTheContractSaysSo()
    {
        var publicOnes = Contract.Keys
            .Where(t => t.Namespace is "MusicPlayer.Application.Features.Auth" or "MusicPlayer.Application.Features.Users"
                        or "MusicPlayer.Application.Features.Likes")
            .Where(t => Declared(t) == Access.Public);

        publicOnes.Should().BeEquivalentTo([typeof(Register.Command), typeof(Login.Command), typeof(Refresh.Command), typeof(EnsureAdmin.Command)]);
    }
}
