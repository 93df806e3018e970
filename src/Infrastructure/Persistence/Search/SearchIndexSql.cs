namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// The database objects of the search index that EF Core's model cannot describe, in one place: the
/// migration creates them, the schema-drift tests leave exactly these out of the model comparison and
/// check them on their own (SearchIndexSchemaTests).
/// <list type="bullet">
/// <item>SQLite: per table an FTS5 table over its two documents (external content: the documents are stored
/// once, in the table), with 1-, 2- and 3-character prefix indexes, and three triggers that keep it in step in
/// the writing transaction. A document only changes in an UPDATE that names its column, so like counts and
/// other columns never touch it.</item>
/// <item>PostgreSQL: the pg_trgm extension and a trigram GIN index per document column.</item>
/// <item>SQL Server: nothing; LIKE scans the documents (the documented fallback).</item>
/// </list>
/// </summary>
internal static class SearchIndexSql
{
    public const string DocumentColumn = SearchIndexMaintenance.DocumentColumn;
    public const string ArtistColumn = "ArtistText";

    public static readonly IReadOnlyList<string> Tables = ["Albums", "Songs"];

    public static string FtsTable(string table) => table + "Fts";

    /// <summary>
    /// The partial index of a catalog table's rows still without a document (stored before the search index existed),
    /// which the start-up backfill looks for: it holds only those, so on every later start the look is one probe of an
    /// empty index instead of a scan of the table.
    /// </summary>
    public static string UnindexedRowsIndex(string table) => $"IX_{table}_Unindexed";

    /// <summary>The filter of <see cref="UnindexedRowsIndex"/>, in the provider's quoting.</summary>
    public static string UnindexedRowsFilter(bool sqlServer) =>
        sqlServer ? $"[{DocumentColumn}] = N''" : $"\"{DocumentColumn}\" = ''";

    /// <summary>The trigram indexes on PostgreSQL, by table.</summary>
    public static IEnumerable<(string Table, string Index)> TrigramIndexes =>
        Tables.SelectMany(t => new[] { (t, $"IX_{t}_{DocumentColumn}_trgm"), (t, $"IX_{t}_{ArtistColumn}_trgm") });

    public static IEnumerable<string> Sqlite(string table)
    {
        var fts = FtsTable(table);
        yield return $"""
            CREATE VIRTUAL TABLE "{fts}" USING fts5("{DocumentColumn}", "{ArtistColumn}", content='{table}', content_rowid='Id',
                tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');
            """;
        yield return $"""
            CREATE TRIGGER "{fts}_Insert" AFTER INSERT ON "{table}" BEGIN
                INSERT INTO "{fts}" (rowid, "{DocumentColumn}", "{ArtistColumn}") VALUES (new."Id", new."{DocumentColumn}", new."{ArtistColumn}");
            END;
            """;
        yield return $"""
            CREATE TRIGGER "{fts}_Delete" AFTER DELETE ON "{table}" BEGIN
                INSERT INTO "{fts}" ("{fts}", rowid, "{DocumentColumn}", "{ArtistColumn}") VALUES ('delete', old."Id", old."{DocumentColumn}", old."{ArtistColumn}");
            END;
            """;
        yield return $"""
            CREATE TRIGGER "{fts}_Update" AFTER UPDATE OF "{DocumentColumn}", "{ArtistColumn}" ON "{table}" BEGIN
                INSERT INTO "{fts}" ("{fts}", rowid, "{DocumentColumn}", "{ArtistColumn}") VALUES ('delete', old."Id", old."{DocumentColumn}", old."{ArtistColumn}");
                INSERT INTO "{fts}" (rowid, "{DocumentColumn}", "{ArtistColumn}") VALUES (new."Id", new."{DocumentColumn}", new."{ArtistColumn}");
            END;
            """;
        yield return $"""INSERT INTO "{fts}" ("{fts}") VALUES ('rebuild');""";
    }

    public static IEnumerable<string> PostgreSql()
    {
        yield return "CREATE EXTENSION IF NOT EXISTS pg_trgm;";
        foreach (var (table, index) in TrigramIndexes)
        {
            var column = index.Contains(ArtistColumn, StringComparison.Ordinal) ? ArtistColumn : DocumentColumn;
            yield return $"""CREATE INDEX "{index}" ON "{table}" USING gin ("{column}" gin_trgm_ops);""";
        }
    }
}
