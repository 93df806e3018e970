using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MusicPlayer.Infrastructure.Persistence.Search;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// The search index: per album and song the search keys of title and artist, the artist's document and the
/// whole document (title, artist, album titles), indexed by artist key for the artist directory; the
/// vocabulary of terms; and each database's own text index over the documents (<see cref="SearchIndexSql"/>).
/// Rows stored before this migration are indexed once at start-up (<see cref="SearchIndexBackfill"/>).
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261205020000_SearchIndex")]
public sealed class SearchIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in SearchIndexSql.Tables)
        {
            migrationBuilder.AddColumn<string>("SearchKey", table, maxLength: 300, nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<string>("ArtistKey", table, maxLength: 300, nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<string>(SearchIndexSql.ArtistColumn, table, nullable: false, defaultValue: "");
            migrationBuilder.AddColumn<string>(SearchIndexSql.DocumentColumn, table, nullable: false, defaultValue: "");
            migrationBuilder.CreateIndex($"IX_{table}_ArtistKey", table, "ArtistKey");
        }

        migrationBuilder.CreateTable(
            name: "SearchTerms",
            columns: table => new { Term = table.Column<string>(maxLength: 300, nullable: false) },
            constraints: table => table.PrimaryKey("PK_SearchTerms", x => x.Term));

        if (migrationBuilder.IsSqlite())
        {
            foreach (var sql in SearchIndexSql.Tables.SelectMany(SearchIndexSql.Sqlite)) migrationBuilder.Sql(sql);
        }
        else if (migrationBuilder.IsNpgsql())
        {
            foreach (var sql in SearchIndexSql.PostgreSql()) migrationBuilder.Sql(sql);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var table in SearchIndexSql.Tables)
            {
                foreach (var trigger in new[] { "Insert", "Delete", "Update" })
                    migrationBuilder.Sql($"""DROP TRIGGER "{SearchIndexSql.FtsTable(table)}_{trigger}";""");
                migrationBuilder.Sql($"""DROP TABLE "{SearchIndexSql.FtsTable(table)}";""");
            }
        }
        else if (migrationBuilder.IsNpgsql())
        {
            foreach (var (_, index) in SearchIndexSql.TrigramIndexes) migrationBuilder.Sql($"""DROP INDEX "{index}";""");
        }

        migrationBuilder.DropTable("SearchTerms");
        foreach (var table in SearchIndexSql.Tables)
        {
            migrationBuilder.DropIndex($"IX_{table}_ArtistKey", table);
            foreach (var column in new[] { "SearchKey", "ArtistKey", SearchIndexSql.ArtistColumn, SearchIndexSql.DocumentColumn })
                migrationBuilder.DropColumn(column, table);
        }
    }
}
