using System.Net;
using System.Net.Http.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// The service always keeps one admin: demoting or deleting the last one is a 409. Each test runs on
/// its own app, whose only admin is the seeded one, since other tests add admins freely.
/// </summary>
public sealed class LastAdminTests : IAsyncLifetime
{
    private readonly MusicPlayerFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Admin => _factory.Guarded(_factory.Admin.Token());

    private static string User(int id) => $"{AccountApi.Users}/{id}";

    private async Task<string> RoleOfAsync(int id) =>
        (await (await Admin.GetAsync(User(id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role");

    [Fact]
    public async Task ChangeRole_DemoteTheLastAdmin_Returns409AndKeepsTheAdmin()
    {
        var response = await Admin.PutAsJsonAsync($"{User(_factory.Admin.Id)}/role", new { role = "user" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("last admin");
        (await RoleOfAsync(_factory.Admin.Id)).Should().Be("admin");
        await (await Admin.GetAsync(AccountApi.Users)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteUser_TheLastAdmin_Returns409AndKeepsTheAdmin()
    {
        var response = await Admin.DeleteAsync(User(_factory.Admin.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await RoleOfAsync(_factory.Admin.Id)).Should().Be("admin");
    }

    [Fact]
    public async Task ChangeRole_DemoteAnAdminWhileAnotherRemains_Returns200ThenTheOtherIsTheLast()
    {
        var second = await _factory.CreateAccountAsync("admin");

        var demoteSelf = await Admin.PutAsJsonAsync($"{User(_factory.Admin.Id)}/role", new { role = "user" });

        (await demoteSelf.ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role").Should().Be("user");
        await (await Admin.GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var last = _factory.Guarded(second.Token());
        await (await last.PutAsJsonAsync($"{User(second.Id)}/role", new { role = "user" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await last.DeleteAsync(User(second.Id))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeleteUser_AnAdminWhileAnotherRemains_Returns204()
    {
        var second = await _factory.CreateAccountAsync("admin");

        await (await Admin.DeleteAsync(User(_factory.Admin.Id))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await Admin.GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        await (await _factory.Guarded(second.Token()).DeleteAsync(User(second.Id))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ChangeRole_TwoAdminsDemoteEachOtherAtOnce_OneAdminRemains()
    {
        // A race: a few rounds, each the remaining admin against a new one, so that an unlucky interleaving shows.
        var survivor = _factory.Admin;
        for (var round = 0; round < 4; round++)
        {
            var other = await _factory.CreateAccountAsync("admin");

            var responses = await Task.WhenAll(
                _factory.Guarded(survivor.Token()).PutAsJsonAsync($"{User(other.Id)}/role", new { role = "user" }),
                _factory.Guarded(other.Token()).PutAsJsonAsync($"{User(survivor.Id)}/role", new { role = "user" }));

            var statuses = string.Join(", ", responses.Select(r => r.StatusCode));
            responses.Select(r => r.StatusCode).Should().Contain(HttpStatusCode.OK);
            var admins = new List<TestAccount>();
            foreach (var account in new[] { survivor, other })
                if (await OwnRoleAsync(account) == "admin") admins.Add(account);
            admins.Should().ContainSingle("exactly one admin must remain; the statuses were {0}", statuses);
            survivor = admins[0];
        }
    }

    [Fact]
    public async Task DeleteUser_TwoAdminsDeleteEachOtherAtOnce_OneAdminRemains()
    {
        var survivor = _factory.Admin;
        for (var round = 0; round < 4; round++)
        {
            var other = await _factory.CreateAccountAsync("admin");

            var responses = await Task.WhenAll(
                _factory.Guarded(survivor.Token()).DeleteAsync(User(other.Id)),
                _factory.Guarded(other.Token()).DeleteAsync(User(survivor.Id)));

            var statuses = string.Join(", ", responses.Select(r => r.StatusCode));
            responses.Select(r => r.StatusCode).Should().Contain(HttpStatusCode.NoContent);
            var admins = new List<TestAccount>();
            foreach (var account in new[] { survivor, other })
                if ((await _factory.Guarded(account.Token()).GetAsync(AccountApi.Users)).StatusCode == HttpStatusCode.OK) admins.Add(account);
            admins.Should().ContainSingle("exactly one admin must remain; the statuses were {0}", statuses);
            survivor = admins[0];
        }
    }

    /// <summary>The role of <paramref name="account"/> as they see it themselves.</summary>
    private async Task<string> OwnRoleAsync(TestAccount account) =>
        (await (await _factory.Guarded(account.Token()).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role");
}
