using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Playlist entries ordered by sparse sort keys instead of gap-free positions (see <see cref="PlaylistOrder"/>): a move
/// writes one row instead of shifting every entry between its old and new place. The existing positions become the
/// keys of a renumbering (position × gap) in the same column, renamed, and the (playlist, key, id) index serves pages
/// and neighbour look-ups.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261206040000_PlaylistSortKeys")]
public sealed class PlaylistSortKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_PlaylistEntries_PlaylistId_Position", "PlaylistEntries");
        migrationBuilder.RenameColumn(name: "Position", table: "PlaylistEntries", newName: "SortKey");
        migrationBuilder.Sql(migrationBuilder.IsSqlServer()
            ? $"UPDATE [PlaylistEntries] SET [SortKey] = [SortKey] * {PlaylistOrder.Gap};"
            : $"""UPDATE "PlaylistEntries" SET "SortKey" = "SortKey" * {PlaylistOrder.Gap};""");
        migrationBuilder.CreateIndex("IX_PlaylistEntries_PlaylistId_SortKey_Id", "PlaylistEntries", ["PlaylistId", "SortKey", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_PlaylistEntries_PlaylistId_SortKey_Id", "PlaylistEntries");
        // Positions back from the keys' ranks (a correlated count, which SQL Server, PostgreSQL and SQLite all take).
        migrationBuilder.Sql("""
            UPDATE "PlaylistEntries" SET "SortKey" = (SELECT COUNT(*) FROM "PlaylistEntries" AS "Other"
                WHERE "Other"."PlaylistId" = "PlaylistEntries"."PlaylistId"
                  AND ("Other"."SortKey" < "PlaylistEntries"."SortKey" OR ("Other"."SortKey" = "PlaylistEntries"."SortKey" AND "Other"."Id" <= "PlaylistEntries"."Id")));
            """);
        migrationBuilder.RenameColumn(name: "SortKey", table: "PlaylistEntries", newName: "Position");
        migrationBuilder.CreateIndex("IX_PlaylistEntries_PlaylistId_Position", "PlaylistEntries", ["PlaylistId", "Position"]);
    }
}
