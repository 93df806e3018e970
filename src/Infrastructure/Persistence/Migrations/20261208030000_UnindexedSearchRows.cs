using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MusicPlayer.Infrastructure.Persistence.Search;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// A partial index per catalog table of the rows without a search document, so the start-up backfill finds that there
/// are none with one probe instead of a scan of the table on every start.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261208030000_UnindexedSearchRows")]
public sealed class UnindexedSearchRows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in SearchIndexSql.Tables)
            migrationBuilder.CreateIndex(SearchIndexSql.UnindexedRowsIndex(table), table, "Id",
                filter: SearchIndexSql.UnindexedRowsFilter(migrationBuilder.IsSqlServer()));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in SearchIndexSql.Tables)
            migrationBuilder.DropIndex(SearchIndexSql.UnindexedRowsIndex(table), table);
    }
}
