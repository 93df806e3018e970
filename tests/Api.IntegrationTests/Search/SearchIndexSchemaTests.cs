using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Persistence.Search;
using Npgsql;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// The search index objects the EF model cannot describe (and the schema-drift tests therefore leave out, by the
/// list in <see cref="SearchIndexSql"/>) are created by the migrations on each database.
/// </summary>
public sealed class SearchIndexSchemaTests
{
    [Fact]
    public void Migrations_Sqlite_CreateTheFtsTablesAndTheirTriggers()
    {
        using var database = new TestDatabase(TestDatabase.Sqlite);
        using (var context = new MusicPlayerDbContext(new DbContextOptionsBuilder<MusicPlayerDbContext>()
                   .UseSqlite(database.ConnectionString + ";Pooling=False").Options))
            context.Database.Migrate();

        using var connection = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name FROM sqlite_master WHERE name LIKE '%Fts%' AND type IN ('table', 'trigger') ORDER BY name";
        using var reader = command.ExecuteReader();
        var objects = new List<string>();
        while (reader.Read()) objects.Add($"{reader.GetString(0)} {reader.GetString(1)}");

        foreach (var table in SearchIndexSql.Tables)
        {
            var fts = SearchIndexSql.FtsTable(table);
            objects.Should().Contain([$"table {fts}", $"trigger {fts}_Insert", $"trigger {fts}_Delete", $"trigger {fts}_Update"]);
        }
    }

    [Fact]
    public void Migrations_PostgreSql_CreateTheTrigramIndexes()
    {
        if (TestDatabase.Provider != TestDatabase.PostgreSql) return; // runs where the HTTP tests run on PostgreSQL (CI)

        using var database = new TestDatabase(TestDatabase.PostgreSql);
        using (var context = new MusicPlayerDbContext(new DbContextOptionsBuilder<MusicPlayerDbContext>().UseNpgsql(database.ConnectionString).Options))
            context.Database.Migrate();

        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%gin_trgm_ops%'";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string)>();
        while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));

        indexes.Should().BeEquivalentTo(SearchIndexSql.TrigramIndexes);
    }
}
