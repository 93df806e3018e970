using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Api.Security;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

/// <summary>
/// The key id read from a bearer token's header before authentication (whether the key ring must reload): the header
/// segment alone, the same kid the token library reads, null for anything malformed; and not read at all when the
/// ring cannot reload (a shared secret).
/// </summary>
public sealed class BearerKidTests
{
    private static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static HttpRequest Request(string authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        return context.Request;
    }

    [Fact]
    public void IssuedToken_GivesTheKidTheTokenLibraryReads()
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)) { KeyId = "ring-key-7" };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "7", ["role"] = "user" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        var kid = new JsonWebToken(token).Kid;

        kid.Should().Be("ring-key-7");
        BearerKid.Of(Request($"Bearer {token}")).Should().Be(kid);
        BearerKid.Of(Request($"Bearer {TestTokens.Create(7, "user")}")).Should().BeNull("a token without a kid names none");
        BearerKid.Of(Request($"bearer   {token}  ")).Should().Be(kid, "the scheme is case-insensitive and spaces around the token do not count");
    }

    [Theory]
    [InlineData("""{"alg":"RS256","kid":"key-1","typ":"JWT"}""", "key-1")]
    [InlineData("""{"x":{"kid":"nested"},"kid":"top","y":[1,{"kid":"in-array"}]}""", "top")]
    [InlineData("""{"alg":"RS256"}""", null)]
    [InlineData("""{"kid":42}""", null)]
    [InlineData("""{"kid":null}""", null)]
    public void Header_GivesItsTopLevelStringKid(string header, string? kid) =>
        BearerKid.Of(Request($"Bearer {Segment(header)}.payload-is-not-read.sig")).Should().Be(kid);

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer no-dots-at-all")]
    [InlineData("Bearer .payload.sig")]
    [InlineData("Bearer !!!not-base64!!!.payload.sig")]
    public void MalformedOrMissingToken_GivesNoKid(string authorization) =>
        BearerKid.Of(Request(authorization)).Should().BeNull();

    [Theory]
    [InlineData("""{"kid":"key-1" """)]
    [InlineData("""["kid","key-1"]""")]
    [InlineData("""{"kid":"key-1"}{"kid":"key-2"}""")]
    [InlineData("not json")]
    public void HeaderThatIsNotOneJsonObject_GivesNoKid(string header) =>
        BearerKid.Of(Request($"Bearer {Segment(header)}.p.s")).Should().BeNull();

    [Fact]
    public void OversizedHeader_IsNotLookedInto() =>
        BearerKid.Of(Request($"Bearer {Segment($$"""{"kid":"k","pad":"{{new string('x', 5000)}}"}""")}.p.s")).Should().BeNull();

    [Fact]
    public async Task SharedSecretRing_NeverReadsTheKid()
    {
        var ring = new SigningKeyRing(new JwtOptions { SigningKey = TestTokens.SigningKey }, TimeProvider.System,
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), NullLogger<SigningKeyRing>.Instance);
        var reads = 0;

        await ring.EnsureFreshAsync(Request($"Bearer {TestTokens.Create(7, "user")}"), request =>
        {
            reads++;
            return BearerKid.Of(request);
        }, CancellationToken.None);

        reads.Should().Be(0, "a shared secret has nothing to reload, so the token is not looked at");
    }
}
