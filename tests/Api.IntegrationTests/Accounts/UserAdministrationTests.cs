using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// /api/v1/users and /api/v1/users/{id}: the admin's list with q, profiles by who is asking, and the
/// admin's changes (profile, role, deletion) with their effect on the user's existing tokens.
/// </summary>
public sealed class UserAdministrationTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int Missing = 987654;
    private readonly HttpClient _admin = factory.Guarded(factory.Admin.Token());
    private readonly HttpClient _user = factory.Guarded(factory.User.Token());

    private static string User(int id) => $"{AccountApi.Users}/{id}";

    private static string Role(int id) => $"{AccountApi.Users}/{id}/role";

    private static object UserBody(string username, string email, string firstName = "Edited", string? lastName = "Name") =>
        new { username, email, firstName, lastName };

    private async Task<JsonElement> ListAsync(string query) =>
        await (await _admin.GetAsync($"{AccountApi.Users}?{query}")).ShouldBeJsonAsync(HttpStatusCode.OK);

    private static string[] Usernames(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(u => u.Str("username")).ToArray();

    [Fact]
    public async Task ListUsers_QMatchesUsernameInAnyCase_ReturnsThoseUsersByUsername()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var b = await factory.RegisterAsync(x => x["username"] = $"b-{marker}-x");
        var a = await factory.RegisterAsync(x => x["username"] = $"a-{marker.ToUpperInvariant()}-y");
        await factory.RegisterAsync();

        var page = await ListAsync($"q={marker.ToUpperInvariant()}");

        Usernames(page).Should().Equal(a.Username, b.Username);
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
        foreach (var item in page.GetProperty("items").EnumerateArray())
            item.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
    }

    [Fact]
    public async Task ListUsers_QMatchesEmail_ReturnsThatUser()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var account = await factory.RegisterAsync(x => x["email"] = $"Someone.{marker}@Mail.Example.com");

        var page = await ListAsync($"q=one.{marker.ToUpperInvariant()}@mail");

        page.ItemIds().Should().Equal(account.Id);
    }

    [Fact]
    public async Task ListUsers_QMatchingNobody_ReturnsEmptyPage()
    {
        var page = await ListAsync($"q={Guid.NewGuid():N}");

        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(0);
        page.GetProperty("totalPages").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task ListUsers_Paged_ReturnsTheRequestedPage()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var names = new List<string>();
        for (var i = 0; i < 3; i++) names.Add((await factory.RegisterAsync(x => x["username"] = $"{marker}-{i}")).Username);

        var page = await ListAsync($"q={marker}&page=2&pageSize=2");

        Usernames(page).Should().Equal(names[2]);
        page.GetProperty("page").GetInt32().Should().Be(2);
        page.GetProperty("pageSize").GetInt32().Should().Be(2);
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("totalPages").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task ListUsers_NoQuery_PagesEveryoneWithDefaults()
    {
        var page = await ListAsync("");

        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(20);
        page.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(2, "the seeded admin and user are there");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=x", "pageSize")]
    public async Task ListUsers_BadPaging_Returns400(string query, string field)
    {
        var response = await _admin.GetAsync($"{AccountApi.Users}?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task ListUsers_QTooLong_Returns400()
    {
        var response = await _admin.GetAsync($"{AccountApi.Users}?q={new string('q', 255)}");

        await response.ShouldBeValidationProblemAsync("q");
    }

    [Fact]
    public async Task ListUsers_AsUser_Returns403()
    {
        await (await _user.GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListUsers_NoToken_Returns401()
    {
        await (await factory.Guarded().GetAsync(AccountApi.Users)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetUser_AnotherUser_ReturnsPublicProfileOnly()
    {
        var other = await factory.RegisterAsync();

        var profile = await (await _user.GetAsync(User(other.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);

        profile.Properties().Should().BeEquivalentTo(AccountApi.PublicProfile);
        profile.Id().Should().Be(other.Id);
        profile.Str("username").Should().Be(other.Username);
        profile.Str("firstName").Should().Be("Ada");
        profile.Str("lastName").Should().Be("Lovelace");
        profile.GetRawText().Should().NotContain(other.Email);
    }

    [Fact]
    public async Task GetUser_AnAdminAsUser_ReturnsPublicProfileOnly()
    {
        var profile = await (await _user.GetAsync(User(factory.Admin.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);

        profile.Properties().Should().BeEquivalentTo(AccountApi.PublicProfile, "a user does not learn who the admins are");
    }

    [Fact]
    public async Task GetUser_Self_ReturnsFullProfile()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var profile = await (await factory.Guarded(tokens.AccessToken).GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);

        profile.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        profile.Str("email").Should().Be(account.Email);
        profile.Str("role").Should().Be("user");
    }

    [Fact]
    public async Task GetUser_AsAdmin_ReturnsFullProfile()
    {
        var other = await factory.RegisterAsync();

        var profile = await (await _admin.GetAsync(User(other.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);

        profile.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        profile.Str("email").Should().Be(other.Email);
        profile.Str("role").Should().Be("user");
        profile.Str("updatedAt").Should().EndWith("Z");
    }

    [Fact]
    public async Task GetUser_Unknown_Returns404()
    {
        await (await _user.GetAsync(User(Missing))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetUser_NoToken_Returns401()
    {
        await (await factory.Guarded().GetAsync(User(factory.User.Id))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task UpdateUser_AsAdmin_Returns200AndTheUserLogsInWithTheNewEmail()
    {
        var account = await factory.RegisterAsync();
        var username = Unique.Name("edited");
        var email = $"{username}@Tests.Example.com";

        var updated = await (await _admin.PutAsJsonAsync(User(account.Id), UserBody($" {username} ", $" {email} ", " Edited ", null)))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

        updated.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        updated.Id().Should().Be(account.Id);
        updated.Str("username").Should().Be(username);
        updated.Str("email").Should().Be(email);
        updated.Str("firstName").Should().Be("Edited");
        updated.GetProperty("lastName").ValueKind.Should().Be(JsonValueKind.Null);
        updated.Str("role").Should().Be("user");
        (await factory.LoginAsync(email.ToLowerInvariant(), account.Password)).UserId.Should().Be(account.Id);
        (await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Fields().Should().BeEquivalentTo(updated.Fields());
    }

    [Fact]
    public async Task UpdateUser_RoleInBody_IsIgnored()
    {
        var account = await factory.RegisterAsync();

        var updated = await (await _admin.PutAsJsonAsync(User(account.Id), new { username = account.Username, email = account.Email, firstName = "X", role = "admin" }))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

        updated.Str("role").Should().Be("user");
    }

    [Fact]
    public async Task UpdateUser_OwnValuesInAnotherCase_Returns200()
    {
        var account = await factory.RegisterAsync();

        var response = await _admin.PutAsJsonAsync(User(account.Id), UserBody(account.Username.ToUpperInvariant(), account.Email.ToUpperInvariant()));

        (await response.ShouldBeJsonAsync(HttpStatusCode.OK)).Str("email").Should().Be(account.Email.ToUpperInvariant());
    }

    [Theory]
    [InlineData("username")]
    [InlineData("email")]
    public async Task UpdateUser_TakenByAnotherUserInAnotherCase_Returns409(string field)
    {
        var taken = await factory.RegisterAsync();
        var account = await factory.RegisterAsync();
        var body = field == "username"
            ? UserBody(taken.Username.ToUpperInvariant(), account.Email)
            : UserBody(account.Username, taken.Email.ToUpperInvariant());

        var response = await _admin.PutAsJsonAsync(User(account.Id), body);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var kept = await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);
        kept.Str("username").Should().Be(account.Username);
        kept.Str("email").Should().Be(account.Email);
    }

    [Fact]
    public async Task UpdateUser_Unknown_Returns404()
    {
        var response = await _admin.PutAsJsonAsync(User(Missing), UserBody(Unique.Name("ghost"), $"{Unique.Name("ghost")}@tests.example.com"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateUser_AsUser_Returns403AndChangesNothing()
    {
        var account = await factory.RegisterAsync();

        var response = await _user.PutAsJsonAsync(User(account.Id), UserBody(Unique.Name("hijack"), "attacker@tests.example.com"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("email").Should().Be(account.Email);
    }

    [Fact]
    public async Task UpdateUser_SelfAsUser_Returns403()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var response = await factory.Guarded(tokens.AccessToken).PutAsJsonAsync(User(account.Id), UserBody(account.Username, "new@tests.example.com"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("email")]
    [InlineData("firstName")]
    public async Task UpdateUser_InvalidField_Returns400(string field)
    {
        var account = await factory.RegisterAsync();
        var body = new Dictionary<string, object?> { ["username"] = account.Username, ["email"] = account.Email, ["firstName"] = "Ok" };
        body[field] = field == "email" ? "not-an-email" : "";

        var response = await _admin.PutAsJsonAsync(User(account.Id), body);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task UpdateUser_NoToken_Returns401()
    {
        await (await factory.Guarded().PutAsJsonAsync(User(factory.User.Id), UserBody("whoever", "who@tests.example.com"))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ChangeRole_Promote_Returns200AndTheExistingTokenIsAdminAtOnce()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var promoted = factory.Guarded(tokens.AccessToken);
        await (await promoted.GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var response = await _admin.PutAsJsonAsync(Role(account.Id), new { role = "admin" });

        var user = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        user.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        user.Str("role").Should().Be("admin");
        await (await promoted.GetAsync(AccountApi.Users)).ShouldBeJsonAsync(HttpStatusCode.OK);
        (await (await promoted.GetAsync(User(factory.User.Id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Properties()
            .Should().BeEquivalentTo(AccountApi.FullProfile, "an admin sees everyone's full profile");
        (await promoted.PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody())).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ChangeRole_Demote_Returns200AndTheExistingTokenGets403AtOnce()
    {
        var (account, tokens) = await factory.SignUpAsync();
        await (await _admin.PutAsJsonAsync(Role(account.Id), new { role = "admin" })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var demoted = factory.Guarded(tokens.AccessToken);
        await (await demoted.GetAsync(AccountApi.Users)).ShouldBeJsonAsync(HttpStatusCode.OK);

        var user = await (await _admin.PutAsJsonAsync(Role(account.Id), new { role = "user" })).ShouldBeJsonAsync(HttpStatusCode.OK);

        user.Str("role").Should().Be("user");
        await (await demoted.GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await demoted.DeleteAsync(User(factory.User.Id))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await demoted.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role").Should().Be("user");
    }

    [Fact]
    public async Task ChangeRole_SameRole_Returns200()
    {
        var account = await factory.RegisterAsync();

        var user = await (await _admin.PutAsJsonAsync(Role(account.Id), new { role = "user" })).ShouldBeJsonAsync(HttpStatusCode.OK);

        user.Str("role").Should().Be("user");
    }

    [Theory]
    [InlineData("\"superuser\"")]
    [InlineData("\"Admin\"")]
    [InlineData("\" admin\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("1")]
    public async Task ChangeRole_InvalidRole_Returns400ForRoleAndChangesNothing(string role)
    {
        var account = await factory.RegisterAsync();

        var response = await _admin.PutAsync(Role(account.Id), new StringContent($"{{\"role\": {role}}}", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("role");
        (await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role").Should().Be("user");
    }

    [Fact]
    public async Task ChangeRole_Unknown_Returns404()
    {
        await (await _admin.PutAsJsonAsync(Role(Missing), new { role = "admin" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChangeRole_SelfPromotionAsUser_Returns403()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var response = await factory.Guarded(tokens.AccessToken).PutAsJsonAsync(Role(account.Id), new { role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("role").Should().Be("user");
    }

    [Fact]
    public async Task ChangeRole_NoToken_Returns401()
    {
        await (await factory.Guarded().PutAsJsonAsync(Role(factory.User.Id), new { role = "admin" })).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task DeleteUser_AsAdmin_Returns204AndEndsTheirTokensAndLikes()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var victim = factory.Guarded(tokens.AccessToken);
        var song = await factory.AsAdmin().CreateSongAsync();
        await (await victim.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await _user.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var response = await _admin.DeleteAsync(User(account.Id));

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        await (await victim.GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        await (await victim.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeUnauthorizedAsync();
        await (await factory.RefreshAsync(tokens.RefreshToken)).ShouldBeUnauthorizedAsync();
        var seen = await (await _user.GetAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeJsonAsync(HttpStatusCode.OK);
        seen.GetProperty("likeCount").GetInt32().Should().Be(1, "only the remaining user's like is left");
        await (await _admin.GetAsync(User(account.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password })).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task DeleteUser_ThenRegisterTheSameNames_NewAccountWithANewIdAndTheOldTokensStayDead()
    {
        var (account, tokens) = await factory.SignUpAsync();
        await (await _admin.DeleteAsync(User(account.Id))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var again = await factory.RegisterAsync(b => (b["username"], b["email"]) = (account.Username, account.Email));

        again.Id.Should().NotBe(account.Id, "an id is never handed out twice, or old tokens would name the new account");
        await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        await (await factory.RefreshAsync(tokens.RefreshToken)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task DeleteUser_AnotherAdmin_Returns204AndTheirTokenGets401()
    {
        var other = await factory.CreateAccountAsync("admin");

        await (await _admin.DeleteAsync(User(other.Id))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await factory.Guarded(other.Token()).GetAsync(AccountApi.Users)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task DeleteUser_Twice_Returns404TheSecondTime()
    {
        var account = await factory.RegisterAsync();
        await (await _admin.DeleteAsync(User(account.Id))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await _admin.DeleteAsync(User(account.Id))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteUser_Unknown_Returns404()
    {
        await (await _admin.DeleteAsync(User(Missing))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteUser_AsUser_Returns403AndKeepsTheUser()
    {
        var account = await factory.RegisterAsync();

        await (await _user.DeleteAsync(User(account.Id))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await (await _admin.GetAsync(User(account.Id))).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteUser_NoToken_Returns401()
    {
        await (await factory.Guarded().DeleteAsync(User(factory.User.Id))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task UserEndpoints_IdNotAnInteger_Return404()
    {
        await (await _admin.GetAsync($"{AccountApi.Users}/abc")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync($"{AccountApi.Users}/1.5")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
