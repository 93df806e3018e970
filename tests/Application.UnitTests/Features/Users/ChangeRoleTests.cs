using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class ChangeRoleTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));

    public ChangeRoleTests()
    {
        _users.Seed(TestData.Admin(id: 1), TestData.User(id: 2));
    }

    private User Get(int id) => _users.Items.Single(u => u.Id == id);

    private Task<UserDto> Handle(int id, string role) =>
        new ChangeRole.Handler(_users, new ImmediateAdminChangeLock(), _clock).Handle(new ChangeRole.Command(id, role), CancellationToken.None);

    [Fact]
    public async Task Handle_PromoteUser_MakesThemAdmin()
    {
        _clock.Advance(TimeSpan.FromMinutes(30));

        var result = await Handle(2, Roles.Admin);

        result.Role.Should().Be(Roles.Admin);
        result.UpdatedAt.Should().Be(TestData.Minutes(30));
        Get(2).Role.Should().Be(Roles.Admin);
    }

    [Fact]
    public async Task Handle_DemoteTheLastAdmin_ThrowsConflictAndKeepsTheRole()
    {
        var act = () => Handle(1, Roles.User);

        await act.Should().ThrowAsync<ConflictException>().WithMessage("This is the last admin; make another user admin first.");
        Get(1).Role.Should().Be(Roles.Admin);
    }

    [Fact]
    public async Task Handle_DemoteOneOfTwoAdmins_Works()
    {
        await Handle(2, Roles.Admin);

        var result = await Handle(1, Roles.User);

        result.Role.Should().Be(Roles.User);
        _users.Items.Select(u => (u.Id, u.Role)).Should().Equal((1, Roles.User), (2, Roles.Admin));
    }

    [Fact]
    public async Task Handle_DemoteBothOfTwoAdmins_SecondThrowsConflict()
    {
        await Handle(2, Roles.Admin);
        await Handle(1, Roles.User);

        var act = () => Handle(2, Roles.User);

        await act.Should().ThrowAsync<ConflictException>();
        _users.Items.Count(u => u.Role == Roles.Admin).Should().Be(1);
    }

    [Fact]
    public async Task Handle_LastAdminToAdmin_IsANoOp()
    {
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await Handle(1, Roles.Admin);

        result.Role.Should().Be(Roles.Admin);
        Get(1).UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_UserToUser_IsANoOp()
    {
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await Handle(2, Roles.User);

        result.Role.Should().Be(Roles.User);
        Get(2).UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public async Task Handle_UnknownId_ThrowsNotFound()
    {
        var act = () => Handle(9, Roles.Admin);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("User 9 was not found.");
    }
}
