using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Schema;

/// <summary>The server settings of SQLite hold on every connection, however often the pool hands one out.</summary>
public sealed class SqlitePragmaTests
{
    [Fact]
    public async Task Connections_OpenedRepeatedly_KeepWalNormalSyncAndBusyTimeout()
    {
        var path = Path.Combine(Path.GetTempPath(), $"musicplayer-pragmas-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={path}",
            ["Jwt:SigningKey"] = "sqlite-pragma-test-key-0123456789abcdef0123",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        await provider.MigrateDatabaseAsync();

        for (var round = 0; round < 3; round++)
        {
            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database;
            (await db.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).Should().Equal("wal");
            (await db.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync()).Should().Equal([1L], "1 is NORMAL");
            (await db.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync()).Should().Equal(5000L);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
    }
}
