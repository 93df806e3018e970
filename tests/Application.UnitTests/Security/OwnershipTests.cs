using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.UnitTests.Fakes;

namespace MusicPlayer.Application.UnitTests.Security;

/// <summary>The one rule for "not yours": 404 for private things, 403 where the resource is public.</summary>
public sealed class OwnershipTests
{
    private const int Owner = 7;
    private static readonly Owned Private = new(Owner, IsPublic: false);
    private static readonly Owned Public = new(Owner, IsPublic: true);

    private static readonly FakeCurrentUser TheOwner = FakeCurrentUser.User(Owner);
    private static readonly FakeCurrentUser Other = FakeCurrentUser.User(8);
    private static readonly FakeCurrentUser Admin = FakeCurrentUser.Admin(1);
    private static readonly FakeCurrentUser Anonymous = FakeCurrentUser.Anonymous();

    public static TheoryData<bool> Visibilities => [false, true];

    [Theory]
    [MemberData(nameof(Visibilities))]
    public void Owner_MayReadAndWrite_PrivateOrPublic(bool isPublic)
    {
        var resource = new Owned(Owner, isPublic);

        var read = () => TheOwner.EnsureMayRead(resource, "Playlist", 3);
        var write = () => TheOwner.EnsureMayWrite(resource, "Playlist", 3);

        read.Should().NotThrow();
        write.Should().NotThrow();
    }

    [Fact]
    public void OtherUser_ReadingPrivate_GetsNotFoundAsIfItDidNotExist()
    {
        var act = () => Other.EnsureMayRead(Private, "Playlist", 3);

        act.Should().Throw<NotFoundException>().WithMessage("Playlist 3 was not found.");
    }

    [Fact]
    public void OtherUser_WritingPrivate_GetsNotFound()
    {
        var act = () => Other.EnsureMayWrite(Private, "Playlist", 3);

        act.Should().Throw<NotFoundException>().WithMessage("Playlist 3 was not found.");
    }

    [Fact]
    public void OtherUser_WritingPublic_IsForbidden()
    {
        var act = () => Other.EnsureMayWrite(Public, "Playlist", 3);

        act.Should().Throw<ForbiddenException>().WithMessage("This playlist belongs to another user.");
    }

    [Fact]
    public void OtherUser_ReadingPublic_Passes()
    {
        var act = () => Other.EnsureMayRead(Public, "Playlist", 3);

        act.Should().NotThrow();
    }

    [Fact]
    public void Anonymous_ReadingPublic_Passes()
    {
        var act = () => Anonymous.EnsureMayRead(Public, "Playlist", 3);

        act.Should().NotThrow();
    }

    [Fact]
    public void Anonymous_OnPrivate_GetsNotFoundForReadAndWrite()
    {
        var read = () => Anonymous.EnsureMayRead(Private, "Comment", 4);
        var write = () => Anonymous.EnsureMayWrite(Private, "Comment", 4);

        read.Should().Throw<NotFoundException>().WithMessage("Comment 4 was not found.");
        write.Should().Throw<NotFoundException>().WithMessage("Comment 4 was not found.");
    }

    [Fact]
    public void Anonymous_WritingPublic_IsUnauthenticated()
    {
        var act = () => Anonymous.EnsureMayWrite(Public, "Comment", 4);

        act.Should().Throw<UnauthenticatedException>();
    }

    [Theory]
    [MemberData(nameof(Visibilities))]
    public void Admin_WhereAllowed_ActsAsTheOwner(bool isPublic)
    {
        var resource = new Owned(Owner, isPublic);

        var read = () => Admin.EnsureMayRead(resource, "Comment", 4, adminsAllowed: true);
        var write = () => Admin.EnsureMayWrite(resource, "Comment", 4, adminsAllowed: true);

        read.Should().NotThrow();
        write.Should().NotThrow();
    }

    [Fact]
    public void Admin_WhereNotAllowed_IsAnyOtherUser()
    {
        var readPrivate = () => Admin.EnsureMayRead(Private, "Playlist", 3);
        var writePrivate = () => Admin.EnsureMayWrite(Private, "Playlist", 3);
        var writePublic = () => Admin.EnsureMayWrite(Public, "Playlist", 3);

        readPrivate.Should().Throw<NotFoundException>();
        writePrivate.Should().Throw<NotFoundException>();
        writePublic.Should().Throw<ForbiddenException>();
    }

    [Fact]
    public void AdminOverride_AppliesOnlyToTheAdminRole()
    {
        var act = () => Other.EnsureMayWrite(Private, "Playlist", 3, adminsAllowed: true);

        act.Should().Throw<NotFoundException>();
    }

    [Fact]
    public void Anonymous_WithAdminOverride_IsStillNotTheOwner()
    {
        var anonymousClaimingAdmin = FakeCurrentUser.Anonymous();
        anonymousClaimingAdmin.Roles.Add(Roles.Admin);

        var act = () => anonymousClaimingAdmin.EnsureMayWrite(Private, "Playlist", 3, adminsAllowed: true);

        act.Should().Throw<NotFoundException>();
    }

    [Fact]
    public void Owned_CarriesTheOwnerAndVisibility()
    {
        IOwned resource = new Owned(OwnerId: 12, IsPublic: true);

        resource.OwnerId.Should().Be(12);
        resource.IsPublic.Should().BeTrue();
    }
}
