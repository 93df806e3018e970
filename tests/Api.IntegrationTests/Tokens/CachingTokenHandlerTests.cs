using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Api.Security;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

/// <summary>
/// The remembered token validations: a repeated token skips validation, but only while it is within its lifetime
/// and its key still verifies; another string (one byte changed) is validated on its own; failures are not
/// remembered; every caller gets its own identity (the session check changes it).
/// </summary>
public sealed class CachingTokenHandlerTests
{
    private static readonly JwtOptions Jwt = new() { SigningKey = TestTokens.SigningKey };
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly SigningKeyRing _keys;
    private readonly CachingTokenHandler _handler;

    public CachingTokenHandlerTests()
    {
        _keys = new SigningKeyRing(Jwt, _clock, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<SigningKeyRing>.Instance);
        _handler = new CachingTokenHandler(_keys, capacity: 3) { MapInboundClaims = false };
    }

    private TokenValidationParameters Parameters => Jwt.ValidationParameters(_keys, _clock);

    private string Token(TimeSpan? lifetime = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return TestTokens.Create(7, "user", issuedAt: now, expires: now + (lifetime ?? TimeSpan.FromMinutes(15)));
    }

    private Task<TokenValidationResult> ValidateAsync(string token) => _handler.ValidateTokenAsync(token, Parameters);

    [Fact]
    public async Task RepeatedToken_IsRemembered_AndEachCallerGetsItsOwnIdentity()
    {
        var token = Token();

        var first = await ValidateAsync(token);
        first.ClaimsIdentity.AddClaim(new Claim("role", "admin"));
        var second = await ValidateAsync(token);

        first.IsValid.Should().BeTrue();
        second.IsValid.Should().BeTrue();
        _handler.Count.Should().Be(1);
        second.ClaimsIdentity.Should().NotBeSameAs(first.ClaimsIdentity);
        second.ClaimsIdentity.FindAll("role").Select(c => c.Value).Should().Equal("user");
        second.ClaimsIdentity.FindFirst("sub")!.Value.Should().Be("7");
        second.ClaimsIdentity.GetType().Should().Be(first.ClaimsIdentity.GetType(), "claim look-ups stay case-sensitive");
    }

    [Fact]
    public async Task RememberedToken_PastItsExpiryAndTheClockSkew_IsRefused()
    {
        var token = Token(TimeSpan.FromMinutes(1));
        (await ValidateAsync(token)).IsValid.Should().BeTrue();

        _clock.Advance(TimeSpan.FromMinutes(1) + JwtOptions.ClockSkew - TimeSpan.FromSeconds(1));
        (await ValidateAsync(token)).IsValid.Should().BeTrue("the skew still covers it");

        _clock.Advance(TimeSpan.FromSeconds(2));
        var late = await ValidateAsync(token);

        late.IsValid.Should().BeFalse();
        late.Exception.Should().BeOfType<SecurityTokenInvalidLifetimeException>();
        _handler.Count.Should().Be(0);
    }

    [Fact]
    public async Task TokenWithOneByteChanged_DoesNotMatchTheGenuineOne_AndFailuresAreNotRemembered()
    {
        var token = Token();
        (await ValidateAsync(token)).IsValid.Should().BeTrue();
        var last = token[^2];
        var tampered = token[..^2] + (last == 'A' ? 'B' : 'A') + token[^1];
        var payloadChanged = token.Replace(".ey", ".ez", StringComparison.Ordinal);

        (await ValidateAsync(tampered)).IsValid.Should().BeFalse();
        (await ValidateAsync(tampered)).IsValid.Should().BeFalse();
        (await ValidateAsync(payloadChanged)).IsValid.Should().BeFalse();

        _handler.Count.Should().Be(1);
        (await ValidateAsync(token)).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsRefusedEvenAfterTheGenuineOneWasRemembered()
    {
        (await ValidateAsync(Token())).IsValid.Should().BeTrue();
        var now = _clock.GetUtcNow().UtcDateTime;
        var forged = TestTokens.Create(7, "admin", key: "another-signing-key-of-enough-length-0123456789", issuedAt: now, expires: now.AddMinutes(15));

        (await ValidateAsync(forged)).IsValid.Should().BeFalse();
        _handler.Count.Should().Be(1);
    }

    [Fact]
    public async Task FullCache_DropsExpiredTokensFirst_AndNeverGrowsPastItsCapacity()
    {
        var shortLived = Token(TimeSpan.FromMinutes(1));
        await ValidateAsync(shortLived);
        await ValidateAsync(Token());
        _clock.Advance(TimeSpan.FromSeconds(1));
        await ValidateAsync(Token());
        _clock.Advance(TimeSpan.FromMinutes(2));

        var fresh = Token();
        (await ValidateAsync(fresh)).IsValid.Should().BeTrue();
        _handler.Count.Should().Be(3, "the expired token made room");

        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            (await ValidateAsync(Token())).IsValid.Should().BeTrue();
            _handler.Count.Should().BeLessThanOrEqualTo(3);
        }
    }
}

/// <summary>
/// Against the app, with keys it generates: a token the server has remembered stops working as soon as its key is
/// no longer in the ring, and the session check still runs on every request of a remembered token.
/// </summary>
public sealed class RememberedTokenTests(Rs256Factory factory) : IClassFixture<Rs256Factory>
{
    private const string Users = "/api/v1/users";

    private async Task<HttpStatusCode> MeAsync(string token) => (await factory.Guarded(token).GetAsync(AccountApi.Me)).StatusCode;

    [Fact]
    public async Task RememberedToken_WhoseKeyLeftTheRing_IsRefused()
    {
        var (_, tokens) = await factory.SignUpAsync();
        (await MeAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK);

        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().SigningKeys.ExecuteDeleteAsync();
        factory.Clock.Advance(SigningKeyRing.RefreshInterval + TimeSpan.FromSeconds(1)); // the token itself is still within its lifetime

        (await MeAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized, "its key is gone from the ring");
    }

    [Fact]
    public async Task RememberedToken_AfterItsSessionEnds_IsRefused_AndARoleChangeAppliesAtOnce()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var (other, otherTokens) = await factory.SignUpAsync();
        (await factory.Guarded(tokens.AccessToken).GetAsync(Users)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await MeAsync(otherTokens.AccessToken)).Should().Be(HttpStatusCode.OK);

        await factory.ChangeAccountAsync(account.Id, u => u.SetRole("admin", DateTime.UtcNow));
        (await factory.Guarded(tokens.AccessToken).GetAsync(Users)).StatusCode.Should().Be(HttpStatusCode.OK, "the role is read on every request");

        await factory.DeleteAccountAsync(other.Id);
        (await MeAsync(otherTokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }
}
