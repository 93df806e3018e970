using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// The account endpoints: request bodies, sign-up and sign-in through the API, token decoding, and
/// clients that check every response they receive for what must never reach a caller.
/// </summary>
public static class AccountApi
{
    public const string Register = "/api/v1/auth/register";
    public const string Login = "/api/v1/auth/login";
    public const string Refresh = "/api/v1/auth/refresh";
    public const string Logout = "/api/v1/auth/logout";
    public const string Users = "/api/v1/users";
    public const string Me = "/api/v1/users/me";
    public const string MyPassword = "/api/v1/users/me/password";
    public const string MyLikes = "/api/v1/users/me/likes";

    /// <summary>A password that satisfies the rule (8..128, a letter and a digit).</summary>
    public const string Password = "correct-horse-42";

    /// <summary>The start of every PBKDF2 hash the app wrote before bcrypt (format marker and PRF, base64).</summary>
    public const string HashPrefix = "AQAAAA";

    /// <summary>The start of every bcrypt hash: version and work factor (<c>$2a$12$</c>).</summary>
    public static readonly System.Text.RegularExpressions.Regex BcryptHashPrefix = new(@"\$2[abxy]\$\d\d\$");

    /// <summary>Every property of a full profile (the user themself, admins, register, users/me).</summary>
    public static readonly string[] FullProfile = ["id", "username", "email", "firstName", "lastName", "role", "createdAt", "updatedAt"];

    /// <summary>The properties of a profile as another user sees it.</summary>
    public static readonly string[] PublicProfile = ["id", "username", "firstName", "lastName", "createdAt"];

    /// <summary>A valid registration body with a fresh username and email; <paramref name="change"/> may set, null or remove fields.</summary>
    public static Dictionary<string, object?> RegisterBody(Action<Dictionary<string, object?>>? change = null)
    {
        var name = Unique.Name("acct");
        var body = new Dictionary<string, object?>
        {
            ["username"] = name,
            ["email"] = $"{name}@tests.example.com",
            ["password"] = Password,
            ["firstName"] = "Ada",
            ["lastName"] = "Lovelace",
        };
        change?.Invoke(body);
        return body;
    }

    /// <summary>A client whose every response is checked by <see cref="LeakGuard"/>; with a bearer token when given one.</summary>
    public static HttpClient Guarded(this WebApplicationFactory<Program> factory, string? token = null)
    {
        var client = factory.CreateDefaultClient(new LeakGuard());
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers an account through the API (expecting 201) and returns it with its password.</summary>
    public static async Task<Account> RegisterAsync(this WebApplicationFactory<Program> factory, Action<Dictionary<string, object?>>? change = null)
    {
        var body = RegisterBody(change);
        var user = await (await factory.Guarded().PostAsJsonAsync(Register, body)).ShouldBeJsonAsync(HttpStatusCode.Created);
        return new Account(user.Id(), user.Str("username"), user.Str("email"), (string)body["password"]!);
    }

    /// <summary>Logs in (expecting 200) and returns the token pair.</summary>
    public static async Task<TokenPair> LoginAsync(this WebApplicationFactory<Program> factory, string email, string password)
    {
        var response = await factory.Guarded().PostAsJsonAsync(Login, new { email, password });
        return TokenPair.From(await response.ShouldBeJsonAsync(HttpStatusCode.OK));
    }

    public static Task<TokenPair> LoginAsync(this WebApplicationFactory<Program> factory, Account account) =>
        factory.LoginAsync(account.Email, account.Password);

    /// <summary>Registers an account and logs it in.</summary>
    public static async Task<(Account Account, TokenPair Tokens)> SignUpAsync(this WebApplicationFactory<Program> factory,
        Action<Dictionary<string, object?>>? change = null)
    {
        var account = await factory.RegisterAsync(change);
        return (account, await factory.LoginAsync(account));
    }

    /// <summary>POST /auth/refresh with <paramref name="refreshToken"/>; the response is left to the caller.</summary>
    public static Task<HttpResponseMessage> RefreshAsync(this WebApplicationFactory<Program> factory, string refreshToken) =>
        factory.Guarded().PostAsJsonAsync(Refresh, new { refreshToken });

    /// <summary>The header and payload of a JWT, as sent.</summary>
    public static (JsonElement Header, JsonElement Payload) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        parts.Should().HaveCount(3, "a JWS in compact form has three parts");
        return (JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0])).RootElement.Clone(),
            JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement.Clone());
    }

    /// <summary>
    /// <paramref name="jwt"/> with its header and payload rewritten by the given changes and the original
    /// signature kept: what an attacker who edits a token they hold produces.
    /// </summary>
    public static string Tamper(string jwt, Action<JsonObject>? header = null, Action<JsonObject>? payload = null)
    {
        var parts = jwt.Split('.');
        return $"{Rewrite(parts[0], header)}.{Rewrite(parts[1], payload)}.{parts[2]}";

        static string Rewrite(string part, Action<JsonObject>? change)
        {
            if (change is null) return part;
            var json = JsonNode.Parse(Base64UrlEncoder.Decode(part))!.AsObject();
            change(json);
            return Base64UrlEncoder.Encode(json.ToJsonString());
        }
    }

    /// <summary>The property names of a JSON object.</summary>
    public static string[] Properties(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>A JSON object's properties and their raw values, to compare two objects regardless of property order.</summary>
    public static Dictionary<string, string> Fields(this JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());

    /// <summary>A problem body without its per-request <c>traceId</c>, for comparing two answers.</summary>
    public static string WithoutTraceId(this JsonElement problem)
    {
        var json = JsonNode.Parse(problem.GetRawText())!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }
}

/// <summary>An account registered through the API.</summary>
public sealed record Account(int Id, string Username, string Email, string Password);

/// <summary>What login and refresh answer with.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int UserId, string Role)
{
    public static TokenPair From(JsonElement body) =>
        new(body.Str("accessToken"), body.Str("refreshToken"), body.GetProperty("userId").GetInt32(), body.Str("role"));
}

/// <summary>
/// Fails any response that is a 500, or whose headers or body carry a password hash or the word
/// "Exception": the contract allows neither, on any endpoint, for any input.
/// </summary>
public sealed class LeakGuard : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Check(response, await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }

    public static void Check(HttpResponseMessage response, string body)
    {
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}";
        response.StatusCode.Should().NotBe(HttpStatusCode.InternalServerError, what);
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        foreach (var text in new[] { body, headers })
        {
            text.Should().NotContain(AccountApi.HashPrefix, "no response carries a password hash; {0}", what);
            AccountApi.BcryptHashPrefix.IsMatch(text).Should().BeFalse("no response carries a password hash; {0}", what);
            text.Should().NotContainEquivalentOf("Exception", "no response carries exception text; {0}", what);
        }
    }
}
