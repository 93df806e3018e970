using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

/// <summary>UpdateMe: the caller changes their username and names.</summary>
public sealed class UpdateMeTests
{
    private readonly InMemoryRepository<User> _users = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly FakeCurrentUser _caller = FakeCurrentUser.User(2);

    public UpdateMeTests()
    {
        _users.Seed(
            TestData.User(username: "alice", email: "alice@example.com", id: 1),
            TestData.User(username: "bob", email: "bob@example.com", firstName: "Bob", lastName: "Builder", id: 2));
    }

    private User Bob => _users.Items.Single(u => u.Id == 2);

    private Task<UserDto> UpdateMe(string? username = "bob", string? firstName = "Bob", string? lastName = null) =>
        new UpdateMe.Handler(_users, _caller, _clock).Handle(new UpdateMe.Command(username, firstName, lastName), CancellationToken.None);

    [Fact]
    public async Task UpdateMe_NewValues_ChangesUsernameAndNamesButNotEmailOrRole()
    {
        _clock.Advance(TimeSpan.FromHours(2));

        var result = await UpdateMe(username: " builder ", firstName: " Robert ", lastName: " B. ");

        result.Username.Should().Be("builder");
        result.FirstName.Should().Be("Robert");
        result.LastName.Should().Be("B.");
        result.Email.Should().Be("bob@example.com");
        result.Role.Should().Be(Roles.User);
        result.CreatedAt.Should().Be(TestData.Now);
        result.UpdatedAt.Should().Be(TestData.Now.AddHours(2));
        Bob.Username.Should().Be("builder");
        Bob.NormalizedUsername.Should().Be("BUILDER");
        Bob.Email.Should().Be("bob@example.com");
        Bob.SessionVersion.Should().Be(1);
    }

    [Fact]
    public async Task UpdateMe_NoLastName_ClearsIt()
    {
        await UpdateMe(lastName: null);

        Bob.LastName.Should().BeNull();
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData(" Alice ")]
    public async Task UpdateMe_AnotherUsersUsernameInAnyCase_ThrowsConflictAndChangesNothing(string username)
    {
        var act = () => UpdateMe(username: username, firstName: "Changed");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("That username is taken.");
        Bob.Username.Should().Be("bob");
        Bob.FirstName.Should().Be("Bob");
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("BOB")]
    public async Task UpdateMe_OwnUsernameInAnyCase_IsNoConflict(string username)
    {
        var result = await UpdateMe(username: username, firstName: "Robert");

        result.Username.Should().Be(username);
        result.FirstName.Should().Be("Robert");
    }

    [Fact]
    public async Task UpdateMe_UsernameEqualToAnotherUsersEmail_IsNoConflict()
    {
        _users.Seed(TestData.User(username: "carol", email: "robert", id: 3));

        var result = await UpdateMe(username: "robert");

        result.Username.Should().Be("robert");
    }

    [Fact]
    public async Task UpdateMe_AccountDeleted_ThrowsNotFound()
    {
        _users.Remove(Bob);
        await _users.SaveChangesAsync();

        var act = () => UpdateMe();

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
