using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Schema;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model describes: a model change
/// without a migration (or a migration that does not match the model) fails here.
/// </summary>
public sealed class SchemaDriftTests : IDisposable
{
    private readonly List<string> _files = [];

    private string NewDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"musicplayer-schema-{Guid.NewGuid():N}.db");
        _files.Add(path);
        return $"Data Source={path};Pooling=False";
    }

    private static MusicPlayerDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<MusicPlayerDbContext>().UseSqlite(connectionString).Options);

    public void Dispose()
    {
        foreach (var file in _files.Where(File.Exists)) File.Delete(file);
    }

    private string Migrated()
    {
        var connectionString = NewDatabase();
        using var context = Context(connectionString);
        context.Database.Migrate();
        return connectionString;
    }

    private string CreatedFromModel()
    {
        var connectionString = NewDatabase();
        using var context = Context(connectionString);
        context.Database.EnsureCreated().Should().BeTrue();
        return connectionString;
    }

    [Fact]
    public void Migrations_FreshDatabase_MatchTheModel()
    {
        var migrated = SchemaDescription.Read(Migrated());
        var modelled = SchemaDescription.Read(CreatedFromModel());

        modelled.Should().Contain(l => l.StartsWith("table ")).And.Contain(l => l.StartsWith("index ")).And.Contain(l => l.StartsWith("foreign key "));
        var differences = migrated.Except(modelled).Select(l => "migrated only: " + l)
            .Concat(modelled.Except(migrated).Select(l => "model only:    " + l));
        differences.Should().BeEmpty("the migrations must create what the model describes");
        migrated.Should().Equal(modelled);
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

    [Fact]
    public void Migrations_AppliedTwice_AreRecordedAndIdempotent()
    {
        var connectionString = Migrated();
        using var context = Context(connectionString);

        context.Database.Migrate();

        context.Database.GetPendingMigrations().Should().BeEmpty();
        context.Database.GetAppliedMigrations().Should().Equal(context.Database.GetMigrations());
    }

    [Fact]
    public void SchemaDescription_ExtraColumn_IsADifference()
    {
        var connectionString = Migrated();
        var before = SchemaDescription.Read(connectionString);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE Songs ADD COLUMN Lyrics TEXT NULL;";
            command.ExecuteNonQuery();
        }

        var after = SchemaDescription.Read(connectionString);

        after.Should().NotEqual(before, "the comparison must notice a column the other side lacks");
    }

    [Fact]
    public void SchemaDescription_ChangedIndexOrForeignKey_IsADifference()
    {
        var connectionString = Migrated();
        var before = SchemaDescription.Read(connectionString);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP INDEX IX_AlbumSongs_SongId;
                CREATE UNIQUE INDEX IX_AlbumSongs_SongId ON AlbumSongs (SongId);
                """;
            command.ExecuteNonQuery();
        }

        var after = SchemaDescription.Read(connectionString);

        after.Should().NotEqual(before, "an index that became unique is a difference");
    }
}

/// <summary>
/// A SQLite schema as sorted lines: tables, columns, indexes and foreign keys, read with PRAGMAs.
/// EF's own bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) are left out.
/// </summary>
internal static class SchemaDescription
{
    public static IReadOnlyList<string> Read(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var lines = new List<string>();

        var tables = Query(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT LIKE '!_!_EF%' ESCAPE '!' ORDER BY name",
            r => r.GetString(0));
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

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
