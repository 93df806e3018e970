using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.SqlServer.Storage.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Schema;

/// <summary>
/// SQL Server is in every build, but no SQL Server engine runs here. What can be proven without one:
/// the script the migrations generate for SQL Server creates exactly the tables, columns, keys and
/// indexes of the model (as <see cref="SchemaDriftTests"/> proves by running them on SQLite and
/// PostgreSQL), and nothing in it is another database's dialect. The connection string is never opened.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static MusicPlayerDbContext Context() =>
        new(new DbContextOptionsBuilder<MusicPlayerDbContext>()
            .UseSqlServer("Server=sqlserver.invalid;Database=MusicPlayer;Connect Timeout=1").Options);

    private static string MigrationScript()
    {
        using var context = Context();
        return context.GetService<IMigrator>().GenerateScript();
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("sqlserver")]
    public async Task DatabaseProvider_SqlServer_IsInEveryBuild(string setting)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = setting,
            ["ConnectionStrings:Default"] = "Server=sqlserver.invalid;Database=MusicPlayer;Connect Timeout=1",
            ["Jwt:SigningKey"] = "sql-server-provider-test-key-0123456789abcdef",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();

        var database = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database;

        DatabaseProvider.Available.Should().Contain(DatabaseProvider.SqlServer);
        database.IsSqlServer().Should().BeTrue();
        database.GetConnectionString().Should().Contain("sqlserver.invalid");
#pragma warning disable EF1001 // the retrying strategy's type is how EnableRetryOnFailure shows
        database.CreateExecutionStrategy().Should().BeOfType<SqlServerRetryingExecutionStrategy>("transient SQL Server errors are retried");
#pragma warning restore EF1001
    }

    [Fact]
    public void DatabaseProvider_Unknown_ThrowsNamingTheAvailableOnes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();

        var configure = () => DatabaseProvider.Configure(new DbContextOptionsBuilder(), configuration);

        configure.Should().Throw<InvalidOperationException>().WithMessage("*'Oracle'*Sqlite, PostgreSql, SqlServer*");
    }

    [Fact]
    public void Migrations_SqlServerScript_BuildWhatTheModelsCreateScriptBuilds()
    {
        using var context = Context();
        context.Database.ProviderName.Should().Be("Microsoft.EntityFrameworkCore.SqlServer");

        var migrated = SchemaDescription.ReadSqlServerScript(MigrationScript());
        var modelled = SchemaDescription.ReadSqlServerScript(context.Database.GenerateCreateScript());

        SchemaDescription.ShouldMatch(migrated, modelled);
    }

    [Fact]
    public void Migrations_SqlServerScript_CreateEveryTableColumnKeyAndIndexOfTheModel()
    {
        using var context = Context();
        // The design-time model: the read-optimized one does not keep index column directions.
        var modelled = SchemaDescription.DescribeForSqlServer(context.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        var migrated = SchemaDescription.ReadSqlServerScript(MigrationScript());

        modelled.Should().Contain("primary key AlbumSongs.PK_AlbumSongs (AlbumId, SongId)")
            .And.Contain("foreign key UserLikes.FK_UserLikes_Users_UserId (UserId) -> Users (Id) on_delete=CASCADE")
            .And.Contain("index Users.IX_Users_NormalizedEmail (NormalizedEmail) unique=True filter=-")
            .And.Contain("column Albums.Id type=int NOT NULL IDENTITY");
        SchemaDescription.ShouldMatch(migrated, modelled);
    }

    [Fact]
    public void Migrations_SqlServerScript_HasNoOtherDatabasesDialect()
    {
        var script = MigrationScript();

        script.Should().Contain("CREATE TABLE [Albums]");
        SqlServerDialect.ForeignSyntaxIn(script).Should().BeEmpty("the hand-written migrations must run on SQL Server as generated");
    }

    [Fact]
    public void ForeignSyntaxIn_OtherDialects_IsNoticed()
    {
        SqlServerDialect.ForeignSyntaxIn("""CREATE TABLE "Albums" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT);""")
            .Should().HaveCount(2);
        SqlServerDialect.ForeignSyntaxIn("CREATE TABLE [T] ([Id] int GENERATED BY DEFAULT AS IDENTITY, [Name] TEXT COLLATE NOCASE);")
            .Should().HaveCount(3);
        SqlServerDialect.ForeignSyntaxIn("PRAGMA journal_mode = wal;").Should().ContainSingle();
        SqlServerDialect.ForeignSyntaxIn("INSERT INTO [T] ([Name]) VALUES (N'say \"hi\"; it''s AUTOINCREMENT');")
            .Should().BeEmpty("text inside string literals is data, not syntax");
    }

    [Fact]
    public void ReadSqlServerScript_MissingIndexOrChangedKey_IsADifference()
    {
        var script = MigrationScript();
        var before = SchemaDescription.ReadSqlServerScript(script);

        var withoutIndex = SchemaDescription.ReadSqlServerScript(
            script.Replace("CREATE INDEX [IX_UserLikes_SongId] ON [UserLikes] ([SongId]);", ""));
        var cascadeDropped = SchemaDescription.ReadSqlServerScript(
            script.Replace("REFERENCES [Users] ([Id]) ON DELETE CASCADE\n);", "REFERENCES [Users] ([Id])\n);"));
        var indexDroppedLater = SchemaDescription.ReadSqlServerScript(script + "\nDROP INDEX [IX_Users_Role] ON [Users];\n");

        withoutIndex.Should().NotEqual(before);
        cascadeDropped.Should().NotEqual(before);
        indexDroppedLater.Should().NotContain(l => l.Contains("IX_Users_Role")).And.HaveCount(before.Count - 1);
    }

    [Fact]
    public void ReadSqlServerScript_StatementItDoesNotKnow_Throws()
    {
        var read = () => SchemaDescription.ReadSqlServerScript(MigrationScript() + "\nALTER TABLE [Songs] DROP COLUMN [Genre];\n");

        read.Should().Throw<NotSupportedException>().WithMessage("*ALTER TABLE [Songs] DROP COLUMN [Genre]*");
    }
}

/// <summary>What is valid elsewhere but not in SQL Server's T-SQL (outside string literals).</summary>
internal static class SqlServerDialect
{
    private static readonly (Regex Pattern, string Why)[] Foreign =
    [
        (new(@"\bAUTOINCREMENT\b", RegexOptions.IgnoreCase), "AUTOINCREMENT is SQLite's; SQL Server uses IDENTITY"),
        (new("\""), "double-quoted identifiers; SQL Server's are [bracketed] (\"\" depends on QUOTED_IDENTIFIER)"),
        (new("`"), "backtick identifiers are MySQL's"),
        (new(@"\bPRAGMA\b", RegexOptions.IgnoreCase), "PRAGMA is SQLite's"),
        (new(@"\bCOLLATE\s+NOCASE\b", RegexOptions.IgnoreCase), "NOCASE is a SQLite collation"),
        (new(@"\b(BIG|SMALL)?SERIAL\b", RegexOptions.IgnoreCase), "SERIAL is PostgreSQL's"),
        (new(@"\bGENERATED\s+(BY\s+DEFAULT|ALWAYS)\s+AS\s+IDENTITY\b", RegexOptions.IgnoreCase), "identity columns are PostgreSQL's syntax"),
        (new("::"), "a :: cast is PostgreSQL's"),
        (new(@"\b(ILIKE|RETURNING|ON\s+CONFLICT)\b", RegexOptions.IgnoreCase), "PostgreSQL/SQLite syntax"),
        (new(@"\bLIMIT\s+\d", RegexOptions.IgnoreCase), "LIMIT is not T-SQL (TOP/OFFSET FETCH)"),
        (new(@"\b(TEXT|BLOB|BOOLEAN|BYTEA|TIMESTAMPTZ)\b", RegexOptions.IgnoreCase), "a store type SQL Server lacks or deprecates"),
    ];

    private static readonly Regex StringLiteral = new("N?'(?:[^']|'')*'");

    public static IReadOnlyList<string> ForeignSyntaxIn(string sql)
    {
        var code = StringLiteral.Replace(sql, "''");
        return Foreign.Where(f => f.Pattern.IsMatch(code))
            .Select(f => $"{f.Why}: {f.Pattern.Match(code).Value}")
            .ToList();
    }
}

internal static partial class SchemaDescription
{
    private static readonly Regex HistoryTable = new(@"IF OBJECT_ID\(N'\[__EFMigrationsHistory\]'\) IS NULL\s*BEGIN.*?\bEND;", RegexOptions.Singleline);
    private static readonly Regex HistoryInsert = new(@"INSERT INTO \[__EFMigrationsHistory\].*?\);", RegexOptions.Singleline);
    private static readonly Regex Batch = new(@"^\s*(GO|BEGIN TRANSACTION;|COMMIT;)\s*$", RegexOptions.Multiline);
    private static readonly Regex StatementEnd = new(@";[ \t]*(\r?\n|$)");
    private static readonly Regex CreateTable = new(@"^CREATE TABLE \[(?<table>[^\]]+)\] \((?<body>.*)\)$", RegexOptions.Singleline);
    private static readonly Regex CreateIndex = new(@"^CREATE (?<unique>UNIQUE )?INDEX \[(?<name>[^\]]+)\] ON \[(?<table>[^\]]+)\] \((?<columns>[^)]*)\)(?: WHERE (?<filter>.+))?$", RegexOptions.Singleline);
    private static readonly Regex DropIndex = new(@"^DROP INDEX \[(?<name>[^\]]+)\] ON \[(?<table>[^\]]+)\]$");
    private static readonly Regex DropTable = new(@"^DROP TABLE \[(?<table>[^\]]+)\]$");
    private static readonly Regex DataUpdate = new(@"^(?:UPDATE \[[^\]]+\] SET |INSERT INTO \[[^\]]+\] )", RegexOptions.Singleline);
    private static readonly Regex RenameColumn = new(@"^EXEC sp_rename N'\[(?<table>[^\]]+)\]\.\[(?<name>[^\]]+)\]', N'(?<newName>[^']+)', 'COLUMN'$");
    private static readonly Regex AddColumn = new(@"^ALTER TABLE \[(?<table>[^\]]+)\] ADD (?<column>\[.+)$", RegexOptions.Singleline);
    private static readonly Regex Column = new(@"^\[(?<name>[^\]]+)\] (?<type>[a-z0-9]+(?:\([^)]*\))?) (?<null>NOT NULL|NULL)(?<rest>.*)$");
    private static readonly Regex PrimaryKey = new(@"^CONSTRAINT \[(?<name>[^\]]+)\] PRIMARY KEY \((?<columns>[^)]*)\)$");
    private static readonly Regex ForeignKey = new(@"^CONSTRAINT \[(?<name>[^\]]+)\] FOREIGN KEY \((?<columns>[^)]*)\) REFERENCES \[(?<principal>[^\]]+)\] \((?<principalColumns>[^)]*)\)(?: ON DELETE (?<delete>CASCADE|SET NULL|SET DEFAULT|NO ACTION))?$");

    /// <summary>
    /// The schema a SQL Server script (as EF generates it: migrations or create script) leaves behind, by
    /// applying its CREATE/DROP TABLE and INDEX statements and its ALTER TABLE ADD columns in order (UPDATEs,
/// which fill in data, leave the schema alone). Any other statement throws, so a
    /// migration that needs more teaches this reader instead of passing unread.
    /// </summary>
    public static IReadOnlyList<string> ReadSqlServerScript(string script)
    {
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var indexes = new Dictionary<(string Table, string Name), string>();

        var body = Batch.Replace(HistoryInsert.Replace(HistoryTable.Replace(script, ""), ""), "");
        foreach (var statement in StatementEnd.Split(body).Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            if (CreateTable.Match(statement) is { Success: true } table)
            {
                var name = table.Groups["table"].Value;
                var lines = new List<string> { $"table {name}:" };
                foreach (var definition in table.Groups["body"].Value.Split('\n').Select(l => l.Trim().TrimEnd(',')).Where(l => l.Length > 0))
                    lines.Add(TableElement(name, definition));
                tables.Add(name, lines);
            }
            else if (CreateIndex.Match(statement) is { Success: true } index)
            {
                var tableName = index.Groups["table"].Value;
                tables.Should().ContainKey(tableName, "an index is created on an existing table: {0}", statement);
                indexes.Add((tableName, index.Groups["name"].Value), IndexLine(tableName, index.Groups["name"].Value,
                    Names(index.Groups["columns"].Value), index.Groups["unique"].Success,
                    index.Groups["filter"].Success ? index.Groups["filter"].Value : null));
            }
            else if (DataUpdate.IsMatch(statement))
            {
                // Fills in data; the schema stays as it is.
            }
            else if (AddColumn.Match(statement) is { Success: true } added)
            {
                var tableName = added.Groups["table"].Value;
                tables.Should().ContainKey(tableName, "a column is added to an existing table: {0}", statement);
                tables[tableName].Add(TableElement(tableName, added.Groups["column"].Value.Trim()));
            }
            else if (RenameColumn.Match(statement) is { Success: true } rename)
            {
                var (tableName, name, newName) = (rename.Groups["table"].Value, rename.Groups["name"].Value, rename.Groups["newName"].Value);
                tables.Should().ContainKey(tableName, "a column of an existing table is renamed: {0}", statement);
                var lines = tables[tableName];
                var (old, renamed) = ($"column {tableName}.{name} ", $"column {tableName}.{newName} ");
                var at = lines.FindIndex(l => l.StartsWith(old, StringComparison.Ordinal));
                at.Should().BeGreaterThanOrEqualTo(0, "the renamed column exists: {0}", statement);
                lines[at] = renamed + lines[at][old.Length..];
            }
            else if (DropIndex.Match(statement) is { Success: true } drop)
                indexes.Remove((drop.Groups["table"].Value, drop.Groups["name"].Value)).Should().BeTrue(statement);
            else if (DropTable.Match(statement) is { Success: true } dropTable)
            {
                tables.Remove(dropTable.Groups["table"].Value).Should().BeTrue(statement);
                foreach (var key in indexes.Keys.Where(k => k.Table == dropTable.Groups["table"].Value).ToList()) indexes.Remove(key);
            }
            else
                throw new NotSupportedException($"Teach SchemaDescription.ReadSqlServerScript this statement: {statement}");
        }

        var all = tables.Values.SelectMany(l => l).Concat(indexes.Values).ToList();
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    private static string TableElement(string table, string definition)
    {
        if (Column.Match(definition) is { Success: true } column)
            return ColumnLine(table, column.Groups["name"].Value, column.Groups["type"].Value,
                column.Groups["null"].Value == "NULL", column.Groups["rest"].Value.Trim());
        if (PrimaryKey.Match(definition) is { Success: true } key)
            return PrimaryKeyLine(table, key.Groups["name"].Value, Names(key.Groups["columns"].Value));
        if (ForeignKey.Match(definition) is { Success: true } foreign)
            return ForeignKeyLine(table, foreign.Groups["name"].Value, Names(foreign.Groups["columns"].Value), foreign.Groups["principal"].Value,
                Names(foreign.Groups["principalColumns"].Value), foreign.Groups["delete"].Success ? foreign.Groups["delete"].Value : "NO ACTION");
        throw new NotSupportedException($"Teach SchemaDescription.ReadSqlServerScript this part of table {table}: {definition}");
    }

    /// <summary>The same lines, from the model as SQL Server maps it (store types, identity columns, constraint names).</summary>
    public static IReadOnlyList<string> DescribeForSqlServer(IRelationalModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.Tables)
        {
            lines.Add($"table {table.Name}:");
            var store = StoreObjectIdentifier.Table(table.Name, table.Schema);
            foreach (var column in table.Columns)
            {
                var identity = column.PropertyMappings.Any(m => SqlServerPropertyExtensions.GetValueGenerationStrategy(m.Property, store) == SqlServerValueGenerationStrategy.IdentityColumn);
                var rest = identity ? "IDENTITY"
                    : column.DefaultValue is string text ? $"DEFAULT N'{text.Replace("'", "''", StringComparison.Ordinal)}'"
                    : column.DefaultValue is { } value ? $"DEFAULT {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}"
                    : "";
                lines.Add(ColumnLine(table.Name, column.Name, column.StoreType, column.IsNullable, rest));
            }

            if (table.PrimaryKey is { } key) lines.Add(PrimaryKeyLine(table.Name, key.Name, key.Columns.Select(c => c.Name)));
            foreach (var foreign in table.ForeignKeyConstraints)
                lines.Add(ForeignKeyLine(table.Name, foreign.Name, foreign.Columns.Select(c => c.Name), foreign.PrincipalTable.Name,
                    foreign.PrincipalColumns.Select(c => c.Name), foreign.OnDeleteAction switch
                    {
                        ReferentialAction.Cascade => "CASCADE",
                        ReferentialAction.SetNull => "SET NULL",
                        ReferentialAction.SetDefault => "SET DEFAULT",
                        _ => "NO ACTION",
                    }));
            foreach (var index in table.Indexes)
                lines.Add(IndexLine(table.Name, index.Name,
                    index.Columns.Select((c, i) => index.MappedIndexes.First().IsDescending is { } descending && descending[i] ? c.Name + " DESC" : c.Name), index.IsUnique, index.Filter));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static IEnumerable<string> Names(string list) => list.Split(',').Select(n => n.Trim().Replace("[", "").Replace("]", ""));

    private static string ColumnLine(string table, string column, string type, bool nullable, string rest) =>
        $"column {table}.{column} type={type} {(nullable ? "NULL" : "NOT NULL")}{(rest.Length > 0 ? " " + rest : "")}";

    private static string PrimaryKeyLine(string table, string name, IEnumerable<string> columns) =>
        $"primary key {table}.{name} ({string.Join(", ", columns)})";

    private static string ForeignKeyLine(string table, string name, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns, string onDelete) =>
        $"foreign key {table}.{name} ({string.Join(", ", columns)}) -> {principal} ({string.Join(", ", principalColumns)}) on_delete={onDelete}";

    private static string IndexLine(string table, string name, IEnumerable<string> columns, bool unique, string? filter) =>
        $"index {table}.{name} ({string.Join(", ", columns)}) unique={unique} filter={filter ?? "-"}";
}
