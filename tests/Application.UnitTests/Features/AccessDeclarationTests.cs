using MediatR;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Application.UnitTests.Features;

/// <summary>
/// Every request type declares the access level that <see cref="AccessContract"/> gives it.
/// The authorization behaviour enforces whatever is declared, so a missing attribute is an open door.
/// </summary>
public sealed class AccessDeclarationTests
{
    public static TheoryData<string> RequestNames => [.. AccessContract.ByRequest.Keys.Select(Name)];

    private static string Name(Type type) => type.FullName!;

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void Request_DeclaresTheAccessOfTheContract(string requestName)
    {
        var type = AccessContract.ByRequest.Keys.Single(t => Name(t) == requestName);

        AccessContract.Declared(type).Should().Be(AccessContract.ByRequest[type]);
    }

    [Fact]
    public void Requests_EveryRequestOfTheApplication_IsInTheContractTable()
    {
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

        requests.Should().BeEquivalentTo(AccessContract.ByRequest.Keys, "a new request must be given its access level there first");
    }

    [Fact]
    public void Requests_AccountAndLikesRequests_AreOnlyPublicWhereTheContractSaysSo()
    {
        var publicOnes = AccessContract.ByRequest.Keys
            .Where(t => t.Namespace is "MusicPlayer.Application.Features.Auth" or "MusicPlayer.Application.Features.Users"
                        or "MusicPlayer.Application.Features.Likes")
            .Where(t => AccessContract.Declared(t) == Access.Public);

        publicOnes.Should().BeEquivalentTo([typeof(Register.Command), typeof(Login.Command), typeof(Refresh.Command), typeof(EnsureAdmin.Command)]);
    }

    [Fact]
    public void UseCaseNames_AreUnique_SoTheyCanKeyTheTable()
    {
        AccessContract.ByRequest.Keys.Select(AccessContract.UseCase).Should().OnlyHaveUniqueItems();
        AccessContract.UseCase(typeof(Register.Command)).Should().Be("Register");
    }
}
