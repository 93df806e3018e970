using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

/// <summary>
/// A rotation made by another instance (a second key ring over the same database): this instance accepts the new
/// key's tokens as soon as it meets one (it reloads for an unknown kid, at most every few seconds), and signs with
/// the new key after its refresh interval.
/// </summary>
public sealed class KeyRingInstancesTests(Rs256Factory factory) : IClassFixture<Rs256Factory>
{
    private SigningKeyRing OtherInstance() => new(factory.Services.GetRequiredService<JwtOptions>(), factory.Clock,
        factory.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<SigningKeyRing>.Instance);

    [Fact]
    public async Task RotationOnAnotherInstance_ItsTokensAreAcceptedAtOnce_AndThisInstanceSignsWithItsKeyAfterTheRefresh()
    {
        var (_, tokens) = await factory.SignUpAsync();
        var oldKid = AccountApi.Decode(tokens.AccessToken).Header.Str("kid");
        var other = OtherInstance();
        await other.InitializeAsync(CancellationToken.None);
        var rotated = await other.RotateAsync(CancellationToken.None);
        factory.Clock.Advance(SigningKeyRing.UnknownKidCooldown);

        var payload = AccountApi.Decode(tokens.AccessToken).Payload;
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var fromOther = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = payload.Str("sub"), ["role"] = payload.Str("role"), ["sv"] = payload.GetProperty("sv").GetInt32(),
                ["lid"] = payload.Str("lid"), ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = other.SigningCredentials,
        });

        AccountApi.Decode(fromOther).Header.Str("kid").Should().Be(rotated.Kid);
        (await factory.Guarded(fromOther).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK, "an unknown kid makes the ring reload");
        (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK, "the retired key still verifies");

        factory.Clock.Advance(SigningKeyRing.RefreshInterval);
        var (_, later) = await factory.SignUpAsync();
        AccountApi.Decode(later.AccessToken).Header.Str("kid").Should().Be(rotated.Kid).And.NotBe(oldKid);
    }

    [Fact]
    public async Task MadeUpKids_AreRefused_AndLeaveTheGenuineKeysInPlace()
    {
        var (_, tokens) = await factory.SignUpAsync();

        foreach (var i in Enumerable.Range(0, 20))
        {
            var forged = AccountApi.Tamper(tokens.AccessToken, header: h => h["kid"] = $"made-up-{i}");
            await (await factory.Guarded(forged).GetAsync(AccountApi.Me)).ShouldBeUnauthorizedAsync();
        }

        (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
