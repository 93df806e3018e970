using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The log-capturing app behind real Kestrel, so requests come from a real client address.</summary>
public sealed class KestrelLogCapturingFactory : LogCapturingFactory
{
    public KestrelLogCapturingFactory() => UseKestrel(0);
}

/// <summary>A refused login over the network is a security event with the client's address and never the password.</summary>
public sealed class SecurityEventLogTests(KestrelLogCapturingFactory factory) : IClassFixture<KestrelLogCapturingFactory>
{
    [Fact]
    public async Task WrongPassword_IsLoggedAsARefusedLoginWithTheClientAddressAndWithoutThePassword()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = "Wrong-guess-4711" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var entry = factory.Logs.Should().ContainSingle(l => l.Category.Contains("SecurityAuditBehaviour")).Subject;
        entry.Level.Should().Be(LogLevel.Warning);
        entry.Message.Should().StartWith("Security event login refused (Unauthenticated)");
        entry.Scopes.Should().Contain("ClientAddress=127.0.0.1");
        factory.Logs.Should().NotContain(l => l.Message.Contains("Wrong-guess-4711") || l.Scopes.Contains("Wrong-guess-4711"));
    }
}
