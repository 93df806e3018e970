using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Tokens;

/// <summary>
/// The app signing access tokens with <see cref="Algorithm"/> and keys it generates and stores itself, on a clock
/// the tests move (to let a rotated key's tokens expire). Tokens come from logging in: the HMAC tokens the other
/// tests mint are refused here, as every token of another algorithm is.
/// </summary>
public abstract class AsymmetricTokenFactory : MusicPlayerFactory
{
    public abstract string Algorithm { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jwt:Algorithm", Algorithm);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class Rs256Factory : AsymmetricTokenFactory
{
    public override string Algorithm => "RS256";
}

public sealed class Es256Factory : AsymmetricTokenFactory
{
    public override string Algorithm => "ES256";
}
