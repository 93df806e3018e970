using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Listening history: the plays, the songs' counted-play counter, and the per-song hourly aggregate
/// that charts read. Plays and aggregates go with their user or song.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261205040000_Plays")]
public sealed class Plays : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "PlayCount", table: "Songs", nullable: false, defaultValue: 0);
        migrationBuilder.CreateIndex("IX_Songs_PlayCount_Id", "Songs", ["PlayCount", "Id"]);

        migrationBuilder.CreateTable(
            name: "Plays",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Identity(),
                UserId = table.Column<int>(nullable: false),
                SongId = table.Column<int>(nullable: false),
                PlayedAt = table.Column<DateTime>(nullable: false),
                PlayedMinute = table.Column<long>(nullable: false),
                SecondsPlayed = table.Column<int>(nullable: false),
                Counted = table.Column<bool>(nullable: false),
                ClientPlayId = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Plays", x => x.Id);
                table.ForeignKey("FK_Plays_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Plays_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        // SQL Server counts NULLs as equal in a unique index, so there (only) plays without a client key are left out of it.
        migrationBuilder.CreateIndex("IX_Plays_UserId_ClientPlayId", "Plays", ["UserId", "ClientPlayId"], unique: true,
            filter: migrationBuilder.IsSqlServer() ? "[ClientPlayId] IS NOT NULL" : "");
        migrationBuilder.CreateIndex("IX_Plays_UserId_PlayedAt_Covering", "Plays",
            ["UserId", "PlayedAt", "SongId", "Counted", "SecondsPlayed", "PlayedMinute"]);
        migrationBuilder.CreateIndex("IX_Plays_UserId_SongId_PlayedAt", "Plays", ["UserId", "SongId", "PlayedAt"]);
        migrationBuilder.CreateIndex("IX_Plays_SongId", "Plays", "SongId");

        migrationBuilder.CreateTable(
            name: "SongPlayHours",
            columns: table => new
            {
                SongId = table.Column<int>(nullable: false),
                Hour = table.Column<long>(nullable: false),
                Plays = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SongPlayHours", x => new { x.SongId, x.Hour });
                table.ForeignKey("FK_SongPlayHours_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SongPlayHours_Hour_SongId_Plays", "SongPlayHours", ["Hour", "SongId", "Plays"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SongPlayHours");
        migrationBuilder.DropTable("Plays");
        migrationBuilder.DropIndex("IX_Songs_PlayCount_Id", "Songs");
        migrationBuilder.DropColumn(name: "PlayCount", table: "Songs");
    }
}
