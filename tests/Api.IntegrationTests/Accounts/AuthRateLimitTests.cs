using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>The app with RateLimiting:Auth:PermitLimit = 3 per minute, and 3 logins per account and password changes per user too.</summary>
public sealed class RateLimitedFactory : MusicPlayerFactory
{
    public const int Limit = 3;

    protected override int AuthPermitLimit => Limit;
}

/// <summary>
/// Login, register and refresh are rate limited per client address (IPv6 per /64), login also per account and
/// the password change per user: past the limit a 429 problem with Retry-After. Every test sends from its own
/// address, so the tests do not share counters.
/// </summary>
public sealed class AuthRateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    private static int _lastAddress;

    /// <summary>A client address no other test uses (in 10.0.0.0/8).</summary>
    private static IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    /// <summary>Sends a JSON POST as if from <paramref name="client"/>; the response is checked by <see cref="LeakGuard"/>.</summary>
    private async Task<HttpResponseMessage> PostFromAsync(IPAddress client, string path, object body, string? bearer = null,
        Action<HttpContext>? change = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = client;
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = path;
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = json.Length;
            c.Request.Body = new MemoryStream(json);
            if (bearer is not null) c.Request.Headers.Authorization = $"Bearer {bearer}";
            change?.Invoke(c);
        });

        var bytes = new MemoryStream();
        await context.Response.Body.CopyToAsync(bytes);
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new ByteArrayContent(bytes.ToArray()),
            RequestMessage = new HttpRequestMessage(HttpMethod.Post, path),
        };
        foreach (var (name, value) in context.Response.Headers)
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
        LeakGuard.Check(response, await response.Content.ReadAsStringAsync());
        return response;
    }

    /// <summary>Registers and logs in from addresses of their own, leaving every other counter alone.</summary>
    private async Task<(Account Account, TokenPair Tokens)> SignUpAsync()
    {
        var body = AccountApi.RegisterBody();
        var user = await (await PostFromAsync(NewAddress(), AccountApi.Register, body)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var account = new Account(user.Id(), user.Str("username"), user.Str("email"), AccountApi.Password);
        var login = await PostFromAsync(NewAddress(), AccountApi.Login, new { email = account.Email, password = account.Password });
        return (account, TokenPair.From(await login.ShouldBeJsonAsync(HttpStatusCode.OK)));
    }

    private static object WrongLogin() => new { email = $"{Unique.Name("nobody")}@tests.example.com", password = "wrong-password-1" };

    private static async Task ShouldBeRateLimitedAsync(HttpResponseMessage response, int windowSeconds = 60)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Str("title").Should().NotBeNullOrWhiteSpace();
        var retryAfter = response.Headers.RetryAfter;
        retryAfter.Should().NotBeNull("a 429 says when to come back");
        retryAfter!.Delta.Should().NotBeNull("Retry-After is in seconds");
        retryAfter.Delta!.Value.TotalSeconds.Should().BeInRange(1, windowSeconds);
    }

    [Fact]
    public async Task Login_OverTheLimit_Returns429WithRetryAfter()
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(client, AccountApi.Login, WrongLogin())).ShouldBeUnauthorizedAsync();

        var response = await PostFromAsync(client, AccountApi.Login, WrongLogin());

        await ShouldBeRateLimitedAsync(response);
    }

    [Fact]
    public async Task Login_OverTheLimit_RefusesEvenTheRightPassword()
    {
        var (account, _) = await SignUpAsync();
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++) await PostFromAsync(client, AccountApi.Login, WrongLogin());

        var response = await PostFromAsync(client, AccountApi.Login, new { email = account.Email, password = account.Password });

        await ShouldBeRateLimitedAsync(response);
    }

    [Fact]
    public async Task Login_ManyAtOnce_LetsOnlyTheLimitThrough()
    {
        var client = NewAddress();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostFromAsync(client, AccountApi.Login, WrongLogin())));

        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).Should().Be(RateLimitedFactory.Limit);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(8 - RateLimitedFactory.Limit);
    }

    [Fact]
    public async Task Login_OtherClientAddress_HasItsOwnLimit()
    {
        var limited = NewAddress();
        for (var i = 0; i <= RateLimitedFactory.Limit; i++) await PostFromAsync(limited, AccountApi.Login, WrongLogin());

        var response = await PostFromAsync(NewAddress(), AccountApi.Login, WrongLogin());

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Login_ForwardedForHeaderFromAnUnknownProxy_DoesNotEscapeTheLimit()
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await PostFromAsync(client, AccountApi.Login, WrongLogin(), change: c => c.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i + 1}");

        var response = await PostFromAsync(client, AccountApi.Login, WrongLogin(), change: c => c.Request.Headers["X-Forwarded-For"] = "203.0.113.99");

        await ShouldBeRateLimitedAsync(response);
    }

    [Theory]
    [InlineData("/api/v1/auth/LOGIN")]
    [InlineData("/API/V1/Auth/Login")]
    [InlineData("/api/v1/auth/login/")]
    public async Task Login_SpellingThePathDifferently_DoesNotEscapeTheLimit(string variant)
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++) await PostFromAsync(client, AccountApi.Login, WrongLogin());

        var response = await PostFromAsync(client, variant, WrongLogin());

        await ShouldBeRateLimitedAsync(response);
    }

    [Fact]
    public async Task Register_OverTheLimit_Returns429AndCreatesNothing()
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(client, AccountApi.Register, AccountApi.RegisterBody())).ShouldBeJsonAsync(HttpStatusCode.Created);
        var refused = AccountApi.RegisterBody();

        var response = await PostFromAsync(client, AccountApi.Register, refused);

        await ShouldBeRateLimitedAsync(response);
        var retried = await PostFromAsync(NewAddress(), AccountApi.Register, refused);
        await retried.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Refresh_OverTheLimit_Returns429AndLeavesTheTokenUnused()
    {
        var (_, tokens) = await SignUpAsync();
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(client, AccountApi.Refresh, new { refreshToken = "garbage" })).ShouldBeUnauthorizedAsync();

        var response = await PostFromAsync(client, AccountApi.Refresh, new { refreshToken = tokens.RefreshToken });

        await ShouldBeRateLimitedAsync(response);
        var later = await PostFromAsync(NewAddress(), AccountApi.Refresh, new { refreshToken = tokens.RefreshToken });
        await later.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_LimitReached_OtherEndpointsStillAnswer()
    {
        var (_, tokens) = await SignUpAsync();
        var client = NewAddress();
        for (var i = 0; i <= RateLimitedFactory.Limit; i++) await PostFromAsync(client, AccountApi.Login, WrongLogin());

        var register = await PostFromAsync(client, AccountApi.Register, AccountApi.RegisterBody());
        var logout = await PostFromAsync(client, AccountApi.Logout, new { refreshToken = tokens.RefreshToken }, bearer: tokens.AccessToken);

        await register.ShouldBeJsonAsync(HttpStatusCode.Created);
        await logout.ShouldBeEmptyAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Login_InvalidBodiesOverTheLimit_AreCountedToo()
    {
        var client = NewAddress();
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(client, AccountApi.Login, new { })).ShouldBeValidationProblemAsync("email", "password");

        await ShouldBeRateLimitedAsync(await PostFromAsync(client, AccountApi.Login, WrongLogin()));
    }

    [Fact]
    public async Task Login_ThroughTheOrdinaryClient_IsLimitedToo()
    {
        // The in-memory client has no address of its own; all its requests count as one client.
        var anonymous = factory.Guarded();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedFactory.Limit; i++)
        {
            var response = await anonymous.PostAsync(AccountApi.Login,
                new StringContent(JsonSerializer.Serialize(WrongLogin()), new MediaTypeHeaderValue("application/json")));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) await ShouldBeRateLimitedAsync(response);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_OneAccountFromManyAddresses_IsLimitedPerAccount()
    {
        var (account, _) = await SignUpAsync();
        for (var i = 0; i < RateLimitedFactory.Limit - 1; i++)
            await (await PostFromAsync(NewAddress(), AccountApi.Login, new { email = account.Email, password = $"wrong-password-{i}" }))
                .ShouldBeUnauthorizedAsync();

        var response = await PostFromAsync(NewAddress(), AccountApi.Login, new { email = account.Email.ToUpperInvariant(), password = account.Password });

        await ShouldBeRateLimitedAsync(response);
        var other = await PostFromAsync(NewAddress(), AccountApi.Login, WrongLogin());
        await other.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task Login_AddressesOfOneIpv6Slash64_ShareOneLimit()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        IPAddress InPrefix(int host) => IPAddress.Parse($"2001:db8:{n:x}:{n:x}::{host:x}");
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(InPrefix(i + 1), AccountApi.Login, WrongLogin())).ShouldBeUnauthorizedAsync();

        var sameSlash64 = await PostFromAsync(IPAddress.Parse($"2001:db8:{n:x}:{n:x}:ffff:ffff:ffff:fffe"), AccountApi.Login, WrongLogin());
        var nextSlash64 = await PostFromAsync(IPAddress.Parse($"2001:db8:{n:x}:{n + 1:x}::1"), AccountApi.Login, WrongLogin());

        await ShouldBeRateLimitedAsync(sameSlash64);
        await nextSlash64.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ChangePassword_OverTheLimit_Returns429PerUserFromAnyAddress()
    {
        var (_, tokens) = await SignUpAsync();
        var (_, other) = await SignUpAsync();
        var body = new { currentPassword = "wrong-passw0rd-1", newPassword = "brand-new-passw0rd" };
        for (var i = 0; i < RateLimitedFactory.Limit; i++)
            await (await PostFromAsync(NewAddress(), AccountApi.MyPassword, body, bearer: tokens.AccessToken)).ShouldBeValidationProblemAsync("currentPassword");

        var response = await PostFromAsync(NewAddress(), AccountApi.MyPassword, body, bearer: tokens.AccessToken);

        await ShouldBeRateLimitedAsync(response, windowSeconds: 300);
        await (await PostFromAsync(NewAddress(), AccountApi.MyPassword, body, bearer: other.AccessToken)).ShouldBeValidationProblemAsync("currentPassword");
    }
}
