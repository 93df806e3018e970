using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Persistence.Search;

namespace MusicPlayer.Api.IntegrationTests.Startup;

/// <summary>
/// The two questions every start asks before it is ready, each as one plain statement: are migrations pending
/// (<see cref="AppliedMigrations"/>, answered as EF Core answers it) and is any album or song unindexed
/// (<see cref="SearchIndexBackfill.AnyUnindexedAsync"/>). On the provider of this test run.
/// </summary>
public sealed class StartupChecksTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.ProviderName,
            ["ConnectionStrings:Default"] = _database.ConnectionString,
            ["Jwt:SigningKey"] = TestTokens.SigningKey,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    private async Task<T> WithContextAsync<T>(Func<MusicPlayerDbContext, Task<T>> use)
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>());
    }

    private Task<bool> AnyPendingAsync() => WithContextAsync(db => AppliedMigrations.AnyPendingAsync(db.Database, CancellationToken.None));

    private Task<bool> AnyUnindexedAsync() => WithContextAsync(db => SearchIndexBackfill.AnyUnindexedAsync(db.Database, CancellationToken.None));

    [Fact]
    public async Task AnyPending_OnANewAMigratedAndABehindDatabase_AnswersAsEfCore()
    {
        (await AnyPendingAsync()).Should().BeTrue("a new database has no history table yet");

        await _services.MigrateDatabaseAsync();
        (await AnyPendingAsync()).Should().BeFalse("every migration is applied");
        (await WithContextAsync(db => db.Database.GetPendingMigrationsAsync())).Should().BeEmpty();

        var newest = await WithContextAsync(async db =>
        {
            var id = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {id}");
            return id;
        });
        (await AnyPendingAsync()).Should().BeTrue("the newest migration is no longer recorded");
        (await WithContextAsync(db => db.Database.GetPendingMigrationsAsync())).Should().Equal(newest);
    }

    [Fact]
    public async Task AnyUnindexed_IsTrueOnlyWhileARowHasNoDocument_AndTheBackfillIndexesIt()
    {
        await _services.MigrateDatabaseAsync();
        var song = await WithContextAsync(async db =>
        {
            var created = Song.Create(new SongDetails(new CatalogDetails("Backfilled Title", "The Testers", "Rock"), "https://cdn.example.com/s.mp3"), DateTime.UtcNow);
            db.Songs.Add(created);
            await db.SaveChangesAsync();
            return created.Id;
        });
        (await AnyUnindexedAsync()).Should().BeFalse("every save indexes what it writes");

        await WithContextAsync(db => db.Songs.Where(s => s.Id == song)
            .ExecuteUpdateAsync(s => s.SetProperty(x => EF.Property<string>(x, SearchIndexSql.DocumentColumn), "")));
        (await AnyUnindexedAsync()).Should().BeTrue("a song has no document");

        await _services.MigrateDatabaseAsync();

        (await AnyUnindexedAsync()).Should().BeFalse("the start-up backfill indexed it");
        (await WithContextAsync(db => db.Songs.Where(s => s.Id == song).Select(s => EF.Property<string>(s, SearchIndexSql.DocumentColumn)).SingleAsync()))
            .Should().Contain("backfilled");
    }
}
