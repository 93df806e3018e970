using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// The real infrastructure (no host, no HTTP) over a fresh, migrated SQLite database, for tests of the SQLite write
/// path (the group committers): rows to write against, and the write gate held while writes queue behind it.
/// </summary>
public sealed class SqliteInfrastructure(string connectionStringOptions = "") : IAsyncDisposable
{
    public TestDatabase Database { get; } = new(TestDatabase.Sqlite);

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestDatabase.Sqlite,
            ["ConnectionStrings:Default"] = Database.ConnectionString + connectionStringOptions,
            ["Jwt:SigningKey"] = TestTokens.SigningKey,
        }).Build();
        Services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        await Services.MigrateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Database.Dispose();
    }

    public async Task<int> AddUserAsync(string namePrefix, DateTime at)
    {
        var name = Unique.Name(namePrefix);
        return await AddAsync(User.Create(name, $"{name}@tests.example.com", "Test", "Account", "user", "no-password", at));
    }

    public async Task<int> AddSongAsync(DateTime at) =>
        await AddAsync(Song.Create(new SongDetails(new CatalogDetails(Unique.Name("Song"), "The Testers", "Rock"), "https://cdn.example.com/s.mp3", 200), at));

    private async Task<int> AddAsync<T>(T entity) where T : Domain.Common.Entity
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        db.Add(entity);
        await db.SaveChangesAsync();
        return entity.Id;
    }

    /// <summary>Holds the process's SQLite write gate while <paramref name="write"/> queues the writes, so that they gather behind it; then lets them through.</summary>
    public async Task<List<Task<TOutcome>>> QueueWhileTheWriteGateIsHeldAsync<TWrite, TOutcome>(IEnumerable<TWrite> writes, Func<TWrite, Task<TOutcome>> write)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        return await Services.GetRequiredService<SqliteWriteGate>().RunAsync(db, async () =>
        {
            var queued = writes.Select(write).ToList();
            await Task.Delay(200);
            queued.Should().OnlyContain(t => !t.IsCompleted, "nothing commits while the gate is held");
            return queued;
        }, CancellationToken.None);
    }
}
