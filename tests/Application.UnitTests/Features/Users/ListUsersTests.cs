using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

public sealed class ListUsersTests
{
    private readonly InMemoryRepository<User> _users = new();

    private Task<PagedResult<UserDto>> Handle(ListUsers.Query query) =>
        new ListUsers.Handler(_users).Handle(query, CancellationToken.None);

    private void SeedFour() => _users.Seed(
        TestData.User(username: "carol", email: "c@music.example.com", id: 1),
        TestData.User(username: "Alice", email: "alice@example.com", id: 2),
        TestData.User(username: "bob", email: "builder@example.org", id: 3),
        TestData.Admin(username: "dave", email: "DAVE@Example.com", id: 4));

    [Fact]
    public async Task Handle_NoFilter_ListsEveryUserByUsernameIgnoringCase()
    {
        SeedFour();

        var result = await Handle(new ListUsers.Query());

        result.Items.Select(u => u.Username).Should().Equal("Alice", "bob", "carol", "dave");
        result.Page.Should().Be(1);
        result.PageSize.Should().Be(20);
        result.TotalCount.Should().Be(4);
        result.TotalPages.Should().Be(1);
    }

    [Fact]
    public async Task Handle_NoFilter_ReturnsFullUserRecords()
    {
        _users.Seed(TestData.Admin(username: "root", email: "root@example.com", id: 5));

        var result = await Handle(new ListUsers.Query());

        result.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new UserDto
        {
            Id = 5, Username = "root", Email = "root@example.com", FirstName = "Root", LastName = null,
            Role = "admin", CreatedAt = TestData.Now, UpdatedAt = TestData.Now,
        });
    }

    [Theory]
    [InlineData("AL", new[] { 2 })]
    [InlineData("builder", new[] { 3 })]
    [InlineData("EXAMPLE.COM", new[] { 2, 1, 4 })]
    [InlineData("example", new[] { 2, 3, 1, 4 })]
    [InlineData(".org", new[] { 3 })]
    [InlineData("  dave  ", new[] { 4 })]
    [InlineData("nobody", new int[0])]
    public async Task Handle_Q_MatchesUsernameOrEmailContainingItInAnyCase(string q, int[] expectedIds)
    {
        SeedFour();

        var result = await Handle(new ListUsers.Query { Q = q });

        result.Items.Ids().Should().Equal(expectedIds);
        result.TotalCount.Should().Be(expectedIds.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Handle_BlankQ_IsNoFilter(string q)
    {
        SeedFour();

        (await Handle(new ListUsers.Query { Q = q })).TotalCount.Should().Be(4);
    }

    [Fact]
    public async Task Handle_Pages_SplitTheOrderedListWithTotals()
    {
        for (var i = 1; i <= 5; i++) _users.Seed(TestData.User(username: $"user{i}", email: $"user{i}@example.com"));

        var first = await Handle(new ListUsers.Query { Page = 1, PageSize = 2 });
        var third = await Handle(new ListUsers.Query { Page = 3, PageSize = 2 });
        var beyond = await Handle(new ListUsers.Query { Page = 4, PageSize = 2 });

        first.Items.Select(u => u.Username).Should().Equal("user1", "user2");
        third.Items.Select(u => u.Username).Should().Equal("user5");
        beyond.Items.Should().BeEmpty();
        new[] { first, third, beyond }.Should().OnlyContain(p => p.TotalCount == 5 && p.TotalPages == 3);
    }

    [Fact]
    public async Task Handle_QWithPaging_CountsOnlyMatches()
    {
        SeedFour();

        var result = await Handle(new ListUsers.Query { Q = "example", PageSize = 3, Page = 2 });

        result.Items.Ids().Should().Equal(4);
        result.TotalCount.Should().Be(4);
        result.TotalPages.Should().Be(2);
    }
}
