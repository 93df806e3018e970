using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Startup;

/// <summary>Tools such as the benchmark seeder use the infrastructure without the application layer.</summary>
public sealed class InfrastructureAloneTests
{
    [Fact]
    public async Task AddInfrastructure_WithoutApplication_ResolvesAndMigrates()
    {
        var path = Path.Combine(Path.GetTempPath(), $"musicplayer-alone-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={path};Pooling=False",
            ["Jwt:SigningKey"] = "infrastructure-alone-test-key-0123456789abcdef",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        try
        {
            provider.GetRequiredService<UserSessionCache>().Should().NotBeNull();
            await provider.MigrateDatabaseAsync();
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
