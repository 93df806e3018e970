using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Bench.Seed;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

SeedOptions options;
try
{
    options = SeedOptions.Parse(args);
}
catch (HelpRequested)
{
    Console.WriteLine(SeedOptions.Usage);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{SeedOptions.Usage}");
    return 2;
}

var path = Path.GetFullPath(options.Database);
string[] files = [path, path + "-wal", path + "-shm", path + "-journal"];
if (files.Any(File.Exists))
{
    if (!options.Force)
    {
        Console.Error.WriteLine($"error: {path} exists; pass --force to replace it.");
        return 1;
    }
    foreach (var file in files) File.Delete(file);
}
Directory.CreateDirectory(Path.GetDirectoryName(path)!);

var total = Stopwatch.StartNew();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeding {path}: {options.Songs:N0} songs, {options.Albums:N0} albums, {options.Users:N0} users (+1 admin), {options.Likes:N0} likes, {options.Plays:N0} plays, seed {options.Seed}"));

// 1. The schema, by the app's own migrations, and the app's own password hash (computed once).
string passwordHash;
var step = Stopwatch.StartNew();
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = DatabaseProvider.Sqlite,
        ["ConnectionStrings:Default"] = $"Data Source={path}",
        ["Jwt:SigningKey"] = "bench-seed-dummy-signing-key-0123456789abcdef",
    }).Build();
    await using var services = new ServiceCollection().AddInfrastructure(configuration).BuildServiceProvider();
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        await db.Database.MigrateAsync();
        Console.WriteLine($"  schema      {db.Database.GetAppliedMigrations().Count()} migrations applied");
        StoredFormats.CheckAgainstEf(db);
    }
    passwordHash = await services.GetRequiredService<IPasswordHasher>().HashAsync(options.Password, CancellationToken.None);
}
SqliteConnection.ClearAllPools();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  schema, format check and password hash: {step.Elapsed.TotalSeconds:0.00} s"));

// 2. The plan: every number decided up front from the seed.
step.Restart();
var plan = CatalogPlan.Create(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  plan        {step.Elapsed.TotalSeconds:0.00} s"));

// 3. The rows, by raw ADO.NET.
await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
connection.Open();
var journalMode = Scalar(connection, "PRAGMA journal_mode") as string ?? "delete";
Scalar(connection, "PRAGMA journal_mode = WAL");
Scalar(connection, "PRAGMA synchronous = OFF");
Scalar(connection, "PRAGMA cache_size = -262144");
Scalar(connection, "PRAGMA temp_store = MEMORY");

Loader.Load(connection, options, plan, passwordHash);
Plays.Load(connection, options);

// 4. Checks, then back to the journal mode the migrations left (the app decides its own).
step.Restart();
var orphans = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"), CultureInfo.InvariantCulture);
// The FTS5 index must hold exactly the documents the rows hold (FTS5 checks and throws otherwise).
Scalar(connection, "INSERT INTO SongsFts (SongsFts, rank) VALUES ('integrity-check', 1)");
Scalar(connection, "INSERT INTO AlbumsFts (AlbumsFts, rank) VALUES ('integrity-check', 1)");
var wrongCounts = Convert.ToInt64(Scalar(connection,
    "SELECT COUNT(*) FROM Songs s WHERE s.LikeCount <> (SELECT COUNT(*) FROM UserLikes l WHERE l.SongId = s.Id)"), CultureInfo.InvariantCulture);
var wrongPlayCounts = Plays.WrongCounts(connection);
Scalar(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
Scalar(connection, $"PRAGMA journal_mode = {journalMode}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  checks      foreign keys: {(orphans == 0 ? "ok" : $"{orphans} broken")}, like counts: {(wrongCounts == 0 ? "exact" : $"{wrongCounts} wrong")}, play counts: {(wrongPlayCounts == 0 ? "exact" : $"{wrongPlayCounts} wrong")} ({step.Elapsed.TotalSeconds:0.00} s)"));
connection.Close();

var size = new FileInfo(path).Length;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"seeded in {total.Elapsed.TotalSeconds:0.0} s ({size / 1048576.0:0} MiB); every account's password: {options.Password}; admin: {Loader.AdminEmail}"));
return orphans == 0 && wrongCounts == 0 && wrongPlayCounts == 0 ? 0 : 1;

static object? Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return command.ExecuteScalar();
}
