using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Persistence.Search;
using Npgsql;

namespace MusicPlayer.Api.IntegrationTests.Schema;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model describes: a model change
/// without a migration (or a migration that does not match the model) fails here.
/// </summary>
public sealed class SchemaDriftTests : IDisposable
{
    private readonly List<TestDatabase> _databases = [];

    /// <summary>SQLite always; PostgreSQL too when the run is configured for it (see <see cref="TestDatabase"/>).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { TestDatabase.Sqlite };
            if (TestDatabase.Provider != TestDatabase.Sqlite) data.Add(TestDatabase.Provider);
            return data;
        }
    }

    private TestDatabase NewDatabase(string provider = TestDatabase.Sqlite)
    {
        var database = new TestDatabase(provider);
        _databases.Add(database);
        return database;
    }

    private static MusicPlayerDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<MusicPlayerDbContext>();
        if (database.IsSqlite) options.UseSqlite(database.ConnectionString + ";Pooling=False");
        else options.UseNpgsql(database.ConnectionString);
        return new MusicPlayerDbContext(options.Options);
    }

    public void Dispose()
    {
        foreach (var database in _databases) database.Dispose();
    }

    private TestDatabase Migrated(string provider = TestDatabase.Sqlite)
    {
        var database = NewDatabase(provider);
        using var context = Context(database);
        context.Database.Migrate();
        return database;
    }

    private TestDatabase CreatedFromModel(string provider = TestDatabase.Sqlite)
    {
        var database = NewDatabase(provider);
        using var context = Context(database);
        context.Database.EnsureCreated().Should().BeTrue();
        return database;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_FreshDatabase_MatchTheModel(string provider)
    {
        var migrated = SchemaDescription.Read(Migrated(provider));
        var modelled = SchemaDescription.Read(CreatedFromModel(provider));

        modelled.Should().Contain(l => l.StartsWith("table ")).And.Contain(l => l.StartsWith("index ")).And.Contain(l => l.StartsWith("foreign key "));
        SchemaDescription.ShouldMatch(migrated, modelled);
    }

    [Fact]
    public void Migrations_FreshDatabase_CoverEveryEntityOfTheModel()
    {
        using var context = Context(NewDatabase());
        var tables = context.Model.GetEntityTypes().Select(e => e.GetTableName()).Distinct().ToArray();

        var migrated = SchemaDescription.Read(Migrated());

        foreach (var table in tables) migrated.Should().Contain(line => line.StartsWith($"table {table}:"), table);
    }

    /// <summary>
    /// SQLite stores every string as TEXT, so the PRAGMA comparison cannot see a length. The other
    /// providers can: the migrations' own operations must declare each column's type, nullability and
    /// length as the model does, and no provider-specific store type.
    /// </summary>
    [Fact]
    public void Migrations_Operations_DeclareTheModelsColumnsForEveryProvider()
    {
        using var context = Context(NewDatabase());
        var migrations = context.GetService<IMigrationsAssembly>();
        var designed = new SortedSet<string>(StringComparer.Ordinal);
        var storeTypes = new List<string>();

        foreach (var (_, type) in migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var migration = migrations.CreateMigration(type, context.Database.ProviderName!);
            foreach (var operation in migration.UpOperations)
            {
                switch (operation)
                {
                    case CreateTableOperation table:
                        foreach (var column in table.Columns) Add(column);
                        break;
                    case AddColumnOperation column:
                        Add(column);
                        break;
                    case DropColumnOperation drop:
                        designed.RemoveWhere(l => l.StartsWith($"{drop.Table}.{drop.Name} "));
                        break;
                    case DropTableOperation drop:
                        designed.RemoveWhere(l => l.StartsWith($"{drop.Name}."));
                        break;
                    case RenameColumnOperation rename:
                        var renamed = designed.Single(l => l.StartsWith($"{rename.Table}.{rename.Name} "));
                        designed.Remove(renamed);
                        designed.Add($"{rename.Table}.{rename.NewName} {renamed[(rename.Table.Length + rename.Name.Length + 2)..]}");
                        break;
                    case AlterColumnOperation alter:
                        designed.RemoveWhere(l => l.StartsWith($"{alter.Table}.{alter.Name} "));
                        Add(alter);
                        break;
                    case CreateIndexOperation or DropIndexOperation or AddForeignKeyOperation or DropForeignKeyOperation
                        or AddPrimaryKeyOperation or DropPrimaryKeyOperation or SqlOperation:
                        break;
                    default:
                        throw new NotSupportedException($"Teach this test {operation.GetType().Name} ({type.Name}).");
                }
            }
        }

        var modelled = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in context.Model.GetRelationalModel().Tables)
        {
            foreach (var column in table.Columns)
            {
                var property = column.PropertyMappings.First().Property;
                var clrType = Nullable.GetUnderlyingType(column.ProviderClrType) ?? column.ProviderClrType;
                modelled.Add(Describe(table.Name, column.Name, clrType, column.IsNullable, property.GetMaxLength()));
            }
        }

        modelled.Should().Contain(l => l.StartsWith("Albums.Title String nullable=False maxLength=100"));
        storeTypes.Should().BeEmpty("migrations stay provider-neutral: no store types");
        designed.Except(modelled).Should().BeEmpty("columns as the migrations declare them must be in the model");
        modelled.Except(designed).Should().BeEmpty("columns as the model describes them must be declared by a migration");

        void Add(ColumnOperation column)
        {
            if (column.ColumnType is not null) storeTypes.Add($"{column.Table}.{column.Name}: {column.ColumnType}");
            designed.Add(Describe(column.Table, column.Name, Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType,
                column.IsNullable, column.MaxLength));
        }
    }

    private static string Describe(string table, string column, Type clrType, bool nullable, int? maxLength) =>
        $"{table}.{column} {clrType.Name} nullable={nullable} maxLength={maxLength?.ToString() ?? "-"}";

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_AppliedTwice_AreRecordedAndIdempotent(string provider)
    {
        var database = Migrated(provider);
        var before = SchemaDescription.Read(database);
        using var context = Context(database);

        context.Database.Migrate();

        context.Database.GetPendingMigrations().Should().BeEmpty();
        context.Database.GetAppliedMigrations().Should().Equal(context.Database.GetMigrations());
        SchemaDescription.Read(database).Should().Equal(before);
    }

    [Fact]
    public void SchemaDescription_ExtraColumn_IsADifference()
    {
        var database = Migrated();
        var before = SchemaDescription.Read(database);
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE Songs ADD COLUMN Lyrics TEXT NULL;";
            command.ExecuteNonQuery();
        }

        var after = SchemaDescription.Read(database);

        after.Should().NotEqual(before, "the comparison must notice a column the other side lacks");
    }

    [Fact]
    public void SchemaDescription_ChangedIndexOrForeignKey_IsADifference()
    {
        var database = Migrated();
        var before = SchemaDescription.Read(database);
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX IX_AlbumSongs_SongId;
                CREATE UNIQUE INDEX IX_AlbumSongs_SongId ON AlbumSongs (SongId);
                """;
            command.ExecuteNonQuery();
        }

        var after = SchemaDescription.Read(database);

        after.Should().NotEqual(before, "an index that became unique is a difference");
    }
}

/// <summary>
/// A schema as sorted lines: tables, columns, indexes and foreign keys, read from a SQLite or PostgreSQL
/// database (PRAGMAs, catalogs) or from a SQL Server script (see SqlServerScriptTests.cs).
/// EF's own bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) are left out.
/// </summary>
internal static partial class SchemaDescription
{
    /// <summary>The schema the migrations built must be the model's, line for line; the differences are listed first.</summary>
    public static void ShouldMatch(IReadOnlyList<string> migrated, IReadOnlyList<string> modelled)
    {
        var differences = migrated.Except(modelled).Select(l => "migrated only: " + l)
            .Concat(modelled.Except(migrated).Select(l => "model only:    " + l));
        differences.Should().BeEmpty("the migrations must create what the model describes");
        migrated.Should().Equal(modelled);
    }

    public static IReadOnlyList<string> Read(TestDatabase database) =>
        database.IsSqlite ? ReadSqlite(database.ConnectionString + ";Pooling=False") : ReadPostgreSql(database.ConnectionString);

    /// <summary>PostgreSQL: information_schema columns, pg_indexes definitions and pg_constraint definitions.</summary>
    private static IReadOnlyList<string> ReadPostgreSql(string connectionString)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        var lines = new List<string>();
        var tables = Query(connection, """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '!_!_EF%' ESCAPE '!'
            """, r => r.GetString(0));
        foreach (var table in tables)
        {
            lines.Add($"table {table}:");
            lines.AddRange(Query(connection, $"""
                SELECT column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity, identity_generation
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'
                """, r => $"column {table}.{r.GetString(0)} type={r.GetString(1)} length={(r.IsDBNull(2) ? "-" : r.GetInt32(2))} " +
                          $"nullable={r.GetString(3)} default={(r.IsDBNull(4) ? "-" : r.GetString(4))} identity={r.GetString(5)}/{(r.IsDBNull(6) ? "-" : r.GetString(6))}"));
            // The trigram indexes of the search index are outside the EF model (SearchIndexSql; SearchIndexSchemaTests checks them).
            lines.AddRange(Query(connection, $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = '{table}'",
                r => (Name: r.GetString(0), Definition: r.GetString(1)))
                .Where(i => !SearchIndexSql.TrigramIndexes.Contains((table, i.Name)))
                .Select(i => $"index {table}.{i.Name} {i.Definition}"));
            lines.AddRange(Query(connection, $"""
                SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND t.relname = '{table}'
                """, r => $"{(r.GetChar(1) == 'f' ? "foreign key" : "constraint")} {table}.{r.GetString(0)} {r.GetString(2)}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>SQLite: PRAGMA table_info, index_list/index_info and foreign_key_list.</summary>
    private static IReadOnlyList<string> ReadSqlite(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = new List<string>();

        // The search index's FTS5 tables (and the shadow tables FTS5 keeps for each) are outside the EF model by
        // nature: SearchIndexSql lists them, and SearchIndexSchemaTests checks them on their own.
        var search = SearchIndexSql.Tables.Select(SearchIndexSql.FtsTable).ToList();
        var tables = Query(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '!_!_EF%' ESCAPE '!' ORDER BY name",
            r => r.GetString(0)).Where(t => !search.Any(f => t == f || t.StartsWith(f + "_", StringComparison.Ordinal))).ToList();
        foreach (var table in tables)
        {
            lines.Add($"table {table}:");

            lines.AddRange(Query(connection, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} type={r.GetString(1)} notnull={r.GetInt64(2)} pk={r.GetInt64(3)} default={(r.IsDBNull(4) ? "-" : r.GetString(4))}"));

            var indexes = Query(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1), Origin: r.GetString(2), Partial: r.GetInt64(3)));
            foreach (var index in indexes)
            {
                var columns = Query(connection, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno",
                    r => r.IsDBNull(0) ? "<expression>" : r.GetString(0));
                lines.Add($"index {table}.{index.Name} ({string.Join(", ", columns)}) unique={index.Unique} origin={index.Origin} partial={index.Partial}");
            }

            var foreignKeys = Query(connection,
                $"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq",
                r => (Id: r.GetInt64(0), Table: r.GetString(2), From: r.GetString(3), To: r.IsDBNull(4) ? "<pk>" : r.GetString(4),
                    OnUpdate: r.GetString(5), OnDelete: r.GetString(6)));
            foreach (var key in foreignKeys.GroupBy(k => k.Id))
            {
                var first = key.First();
                lines.Add($"foreign key {table} ({string.Join(", ", key.Select(k => k.From))}) -> {first.Table} " +
                          $"({string.Join(", ", key.Select(k => k.To))}) on_update={first.OnUpdate} on_delete={first.OnDelete}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<T> Query<T>(System.Data.Common.DbConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
