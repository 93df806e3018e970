using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>Who may call which catalog endpoint: 401 without a valid token, 403 without the admin role.</summary>
public sealed class AuthenticationTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const string Missing = "987654";

    /// <summary>Endpoints any valid token may call.</summary>
    public static TheoryData<string, string> AuthenticatedEndpoints => new()
    {
        { "GET", $"/api/v1/albums/{Missing}" },
        { "GET", $"/api/v1/albums/{Missing}/songs" },
        { "GET", $"/api/v1/songs/{Missing}" },
        { "PUT", $"/api/v1/songs/{Missing}/like" },
        { "DELETE", $"/api/v1/songs/{Missing}/like" },
    };

    /// <summary>Endpoints only admins may call (ids that do not exist: authorization comes first).</summary>
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/v1/albums" },
        { "PUT", $"/api/v1/albums/{Missing}" },
        { "DELETE", $"/api/v1/albums/{Missing}" },
        { "PUT", $"/api/v1/albums/{Missing}/songs/{Missing}" },
        { "DELETE", $"/api/v1/albums/{Missing}/songs/{Missing}" },
        { "POST", "/api/v1/songs" },
        { "PUT", $"/api/v1/songs/{Missing}" },
        { "DELETE", $"/api/v1/songs/{Missing}" },
    };

    public static TheoryData<string, string> ProtectedEndpoints
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var row in AuthenticatedEndpoints.Concat(AdminEndpoints)) data.Add((string)row[0], (string)row[1]);
            return data;
        }
    }

    /// <summary>A request with a valid body for the endpoint, so that only authorization can refuse it.</summary>
    private static HttpRequestMessage Request(string method, string path, string? token = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" && !path.EndsWith("/like"))
        {
            request.Content = path.Contains("/songs/" + Missing) && path.Contains("/albums/")
                ? JsonContent.Create(new Dictionary<string, object?> { ["trackNumber"] = 1 })
                : path.Contains("/albums") ? JsonContent.Create(CatalogApi.AlbumBody()) : JsonContent.Create(CatalogApi.SongBody());
        }

        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, string? token) =>
        factory.Anonymous().SendAsync(Request(method, path, token));

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Protected_NoToken_Returns401WithBearerChallenge(string method, string path)
    {
        var response = await SendAsync(method, path, token: null);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_AsUser_Returns403(string method, string path)
    {
        var response = await SendAsync(method, path, factory.User.Token());

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_AsAdmin_PassesAuthorization(string method, string path)
    {
        var response = await SendAsync(method, path, factory.Admin.Token());

        // Past authorization: created, or the made-up id is not found.
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.NotFound);
        if (response.StatusCode == HttpStatusCode.NotFound) await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(AuthenticatedEndpoints))]
    public async Task AuthenticatedEndpoint_AsUser_PassesAuthorization(string method, string path)
    {
        var response = await SendAsync(method, path, factory.User.Token());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateAlbum_AsUserWithInvalidBody_Returns403NotValidationErrors()
    {
        var response = await factory.AsUser().PostAsJsonAsync(CatalogApi.Albums, CatalogApi.AlbumBody(b => b["title"] = ""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeleteSong_AsUser_Returns403AndKeepsSong()
    {
        var song = await factory.AsAdmin().CreateSongAsync();

        var response = await factory.AsUser().DeleteAsync($"{CatalogApi.Songs}/{song.Id()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await factory.AsUser().GetAsync($"{CatalogApi.Songs}/{song.Id()}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/v1/albums")]
    [InlineData("/api/v1/songs")]
    public async Task PublicList_NoToken_Returns200(string path)
    {
        var response = await factory.Anonymous().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> GarbageTokens => new()
    {
        "garbage",
        "a.b.c",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.",
        "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
        new string('x', 4000),
    };

    [Theory]
    [MemberData(nameof(GarbageTokens))]
    public async Task GetAlbum_GarbageToken_Returns401(string token)
    {
        var response = await SendAsync("GET", $"/api/v1/albums/{Missing}", token);

        await response.ShouldBeUnauthorizedAsync();
        response.Headers.WwwAuthenticate.Should().ContainSingle()
            .Which.ToString().Should().Be("Bearer error=\"invalid_token\"", "RFC 6750: a presented token that fails is invalid_token");
    }

    [Fact]
    public async Task GetAlbum_NoToken_ChallengesWithoutErrorCode()
    {
        var response = await factory.Anonymous().GetAsync($"/api/v1/albums/{Missing}");

        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task GetAlbum_EmptyBearer_Returns401()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/albums/{Missing}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer ");

        var response = await factory.Anonymous().SendAsync(request);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetAlbum_BasicCredentials_Returns401()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/albums/{Missing}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));

        var response = await factory.Anonymous().SendAsync(request);

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CreateAlbum_TokenSignedWithAnotherKey_Returns401()
    {
        var admin = factory.Admin;
        var token = TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, key: "another-key-that-is-long-enough-0123456789abcdef");

        await (await SendAsync("POST", CatalogApi.Albums, token)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CreateAlbum_ExpiredToken_Returns401()
    {
        await (await SendAsync("POST", CatalogApi.Albums, TestTokens.Expired(factory.Admin))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CreateAlbum_TokenNotYetValid_Returns401()
    {
        var admin = factory.Admin;
        var now = DateTime.UtcNow;
        var token = TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion,
            issuedAt: now, notBefore: now.AddMinutes(10), expires: now.AddMinutes(25));

        await (await SendAsync("POST", CatalogApi.Albums, token)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CreateAlbum_UnsignedToken_Returns401()
    {
        await (await SendAsync("POST", CatalogApi.Albums, TestTokens.Unsigned(factory.Admin))).ShouldBeUnauthorizedAsync();
    }

    [Theory]
    [InlineData("someone-else", TestTokens.Audience)]
    [InlineData(TestTokens.Issuer, "someone-else")]
    public async Task CreateAlbum_WrongIssuerOrAudience_Returns401(string issuer, string audience)
    {
        var admin = factory.Admin;
        var token = TestTokens.Create(admin.Id, admin.Role, admin.SessionVersion, issuer: issuer, audience: audience);

        await (await SendAsync("POST", CatalogApi.Albums, token)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CreateAlbum_TokenSignedWithHs512_Returns401()
    {
        var admin = factory.Admin;
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["role"] = admin.Role,
                ["sv"] = admin.SessionVersion,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey + TestTokens.SigningKey)), SecurityAlgorithms.HmacSha512),
        });

        await (await SendAsync("POST", CatalogApi.Albums, token)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetSong_TokenWithoutSessionVersion_Returns401()
    {
        var user = factory.User;

        var response = await SendAsync("GET", $"/api/v1/songs/{Missing}", TestTokens.Create(user.Id, user.Role, sessionVersion: null));

        await response.ShouldBeUnauthorizedAsync();
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("")]
    [InlineData("99999999999")]
    public async Task GetSong_TokenWithUnusableSubject_Returns401(string subject)
    {
        var response = await SendAsync("GET", $"/api/v1/songs/{Missing}", TestTokens.Create(0, "admin", subject: subject));

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetSong_TokenOfUserWhoDoesNotExist_Returns401()
    {
        var response = await SendAsync("GET", $"/api/v1/songs/{Missing}", TestTokens.Create(876543, "admin"));

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetSong_TokenOfDeletedUser_Returns401()
    {
        var account = await factory.CreateAccountAsync("user");
        var token = account.Token();
        (await SendAsync("GET", $"/api/v1/songs/{Missing}", token)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await factory.DeleteAccountAsync(account.Id);

        await (await SendAsync("GET", $"/api/v1/songs/{Missing}", token)).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task GetSong_TokenFromEndedSession_Returns401()
    {
        var account = await factory.CreateAccountAsync("user");

        await factory.ChangeAccountAsync(account.Id, u => u.ChangePassword("another-hash", DateTime.UtcNow));

        await (await SendAsync("GET", $"/api/v1/songs/{Missing}", account.Token())).ShouldBeUnauthorizedAsync();
        var current = TestTokens.Create(account.Id, account.Role, account.SessionVersion + 1);
        (await SendAsync("GET", $"/api/v1/songs/{Missing}", current)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateAlbum_UserTokenClaimingAdmin_Returns403()
    {
        var user = factory.User;

        var response = await SendAsync("POST", CatalogApi.Albums, TestTokens.Create(user.Id, "admin", user.SessionVersion));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateAlbum_AdminDemotedSinceTokenWasIssued_Returns403()
    {
        var account = await factory.CreateAccountAsync("admin");
        var token = account.Token();
        (await SendAsync("POST", CatalogApi.Albums, token)).StatusCode.Should().Be(HttpStatusCode.Created);

        await factory.ChangeAccountAsync(account.Id, u => u.SetRole("user", DateTime.UtcNow));

        await (await SendAsync("POST", CatalogApi.Albums, token)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateAlbum_UserPromotedSinceTokenWasIssued_Returns201()
    {
        var account = await factory.CreateAccountAsync("user");
        var token = account.Token();

        await factory.ChangeAccountAsync(account.Id, u => u.SetRole("admin", DateTime.UtcNow));

        (await SendAsync("POST", CatalogApi.Albums, token)).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
