using System.Net;
using System.Net.Http.Json;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>/api/v1/users/me: the own profile, changing it, changing the password (which ends every session), and my likes.</summary>
public sealed class MeTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static object Profile(string username, string firstName = "Grace", string? lastName = "Hopper") =>
        new { username, firstName, lastName };

    [Fact]
    public async Task GetMe_SignedIn_Returns200WithFullProfile()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var me = await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);

        me.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        me.Id().Should().Be(account.Id);
        me.Str("username").Should().Be(account.Username);
        me.Str("email").Should().Be(account.Email);
        me.Str("role").Should().Be("user");
    }

    [Fact]
    public async Task GetMe_NoToken_Returns401()
    {
        await (await factory.Guarded().GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task UpdateMe_ValidBody_Returns200AndKeepsIt()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var client = factory.Guarded(tokens.AccessToken);
        var before = await (await client.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var username = Unique.Name("renamed");

        var updated = await (await client.PutAsJsonAsync(AccountApi.Me, Profile($"  {username} ", " Grace ", null)))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

        updated.Properties().Should().BeEquivalentTo(AccountApi.FullProfile);
        updated.Str("username").Should().Be(username);
        updated.Str("firstName").Should().Be("Grace");
        updated.GetProperty("lastName").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        updated.Str("email").Should().Be(account.Email);
        updated.Str("createdAt").Should().Be(before.Str("createdAt"));
        updated.GetProperty("updatedAt").GetDateTime().Should().BeAfter(before.GetProperty("updatedAt").GetDateTime());
        var reread = await (await client.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
        reread.Fields().Should().BeEquivalentTo(updated.Fields());
    }

    [Fact]
    public async Task UpdateMe_EmailAndRoleInBody_AreIgnored()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var client = factory.Guarded(tokens.AccessToken);

        var updated = await (await client.PutAsJsonAsync(AccountApi.Me, new
        {
            username = account.Username,
            firstName = "Mallory",
            email = "mallory@tests.example.com",
            role = "admin",
        })).ShouldBeJsonAsync(HttpStatusCode.OK);

        updated.Str("email").Should().Be(account.Email);
        updated.Str("role").Should().Be("user");
        await (await client.GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UpdateMe_UsernameTakenInAnotherCase_Returns409()
    {
        var taken = await factory.RegisterAsync();
        var (account, tokens) = await factory.SignUpAsync();
        var client = factory.Guarded(tokens.AccessToken);

        var response = await client.PutAsJsonAsync(AccountApi.Me, Profile(taken.Username.ToUpperInvariant()));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await (await client.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("username").Should().Be(account.Username);
    }

    [Fact]
    public async Task UpdateMe_OwnUsernameInAnotherCase_Returns200()
    {
        var (account, tokens) = await factory.SignUpAsync();

        var updated = await (await factory.Guarded(tokens.AccessToken).PutAsJsonAsync(AccountApi.Me, Profile(account.Username.ToUpperInvariant())))
            .ShouldBeJsonAsync(HttpStatusCode.OK);

        updated.Str("username").Should().Be(account.Username.ToUpperInvariant());
    }

    [Theory]
    [InlineData("ab", "Grace", null, "username")]
    [InlineData("bad name", "Grace", null, "username")]
    [InlineData(null, "Grace", null, "username")]
    [InlineData("fine-name", "", null, "firstName")]
    [InlineData("fine-name", null, null, "firstName")]
    [InlineData("fine-name", "Grace", "51", "lastName")]
    public async Task UpdateMe_InvalidField_Returns400(string? username, string? firstName, string? lastName, string field)
    {
        var response = await factory.Guarded(factory.User.Token())
            .PutAsJsonAsync(AccountApi.Me, new { username, firstName, lastName = lastName == "51" ? new string('l', 51) : lastName });

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task UpdateMe_NoToken_Returns401()
    {
        await (await factory.Guarded().PutAsJsonAsync(AccountApi.Me, Profile("whoever"))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ChangePassword_Valid_Returns204AndEndsEverySession()
    {
        var (account, login) = await factory.SignUpAsync();
        var otherLogin = await factory.LoginAsync(account);
        var rotated = await factory.RefreshAsync(otherLogin.RefreshToken);
        var otherCurrent = TokenPair.From(await rotated.ShouldBeJsonAsync(HttpStatusCode.OK));
        const string newPassword = "brand-new-password-7";

        var response = await factory.Guarded(login.AccessToken)
            .PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = account.Password, newPassword });

        await response.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        foreach (var accessToken in new[] { login.AccessToken, otherLogin.AccessToken, otherCurrent.AccessToken })
            await (await factory.Guarded(accessToken).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        foreach (var refreshToken in new[] { login.RefreshToken, otherCurrent.RefreshToken })
            await (await factory.RefreshAsync(refreshToken)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ChangePassword_Valid_NewPasswordLogsInAndOldOneDoesNot()
    {
        var (account, login) = await factory.SignUpAsync();
        const string newPassword = "brand-new-password-7";
        await (await factory.Guarded(login.AccessToken).PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = account.Password, newPassword }))
            .ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        var fresh = await factory.LoginAsync(account.Email, newPassword);
        var old = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password });

        await old.ShouldBeUnauthorizedAsync();
        (await (await factory.Guarded(fresh.AccessToken).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK)).Id().Should().Be(account.Id);
        (await factory.RefreshAsync(fresh.RefreshToken)).StatusCode.Should().Be(HttpStatusCode.OK, "sessions started after the change work");
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Returns400ForCurrentPasswordAndChangesNothing()
    {
        var (account, login) = await factory.SignUpAsync();
        var client = factory.Guarded(login.AccessToken);

        var response = await client.PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = "not-my-password-1", newPassword = "brand-new-password-7" });

        await response.ShouldBeValidationProblemAsync("currentPassword");
        await (await client.GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
        (await factory.LoginAsync(account)).UserId.Should().Be(account.Id);
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("lettersonly")]
    [InlineData("123456789")]
    [InlineData("")]
    public async Task ChangePassword_InvalidNewPassword_Returns400ForNewPassword(string newPassword)
    {
        var (account, login) = await factory.SignUpAsync();

        var response = await factory.Guarded(login.AccessToken)
            .PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = account.Password, newPassword });

        await response.ShouldBeValidationProblemAsync("newPassword");
        (await factory.LoginAsync(account)).UserId.Should().Be(account.Id);
    }

    [Fact]
    public async Task ChangePassword_MissingFields_Returns400ForEach()
    {
        var response = await factory.Guarded(factory.User.Token()).PostAsJsonAsync(AccountApi.MyPassword, new { });

        await response.ShouldBeValidationProblemAsync("currentPassword", "newPassword");
    }

    [Fact]
    public async Task ChangePassword_NoToken_Returns401()
    {
        var response = await factory.Guarded().PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = "a-password-1", newPassword = "b-password-2" });

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task MyLikes_NewUser_ReturnsEmptyPage()
    {
        var (_, tokens) = await factory.SignUpAsync();

        var page = await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.MyLikes)).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.Properties().Should().BeEquivalentTo("items", "page", "pageSize", "totalCount", "totalPages");
        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(20);
        page.GetProperty("totalCount").GetInt32().Should().Be(0);
        page.GetProperty("totalPages").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task MyLikes_Paged_ReturnsTheRequestedPageOfOwnLikesOnly()
    {
        var admin = factory.AsAdmin();
        var liker = factory.Guarded((await factory.SignUpAsync()).Tokens.AccessToken);
        var songs = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var song = await admin.CreateSongAsync();
            songs.Add(song.Id());
            await (await liker.PutAsync($"{CatalogApi.Songs}/{song.Id()}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        }

        await (await admin.PutAsync($"{CatalogApi.Songs}/{songs[0]}/like", null)).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
        var page = await (await liker.GetAsync($"{AccountApi.MyLikes}?page=2&pageSize=2")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.ItemIds().Should().Equal(songs[0]);
        page.GetProperty("page").GetInt32().Should().Be(2);
        page.GetProperty("pageSize").GetInt32().Should().Be(2);
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("totalPages").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    public async Task MyLikes_BadPaging_Returns400(string query, string field)
    {
        var response = await factory.Guarded(factory.User.Token()).GetAsync($"{AccountApi.MyLikes}?{query}");

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task MyLikes_NoToken_Returns401()
    {
        await (await factory.Guarded().GetAsync(AccountApi.MyLikes)).ShouldBeUnauthorizedAsync();
    }
}
