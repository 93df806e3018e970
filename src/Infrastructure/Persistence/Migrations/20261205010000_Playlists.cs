using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Playlists (owner, name, visibility, smart rules, the kept entry count and duration, the version clients send in
/// If-Match) and their entries (song at a position). A user's playlists go with the user, a song's entries
/// with the song (the store closes the positions they leave in the same transaction).
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261205010000_Playlists")]
public sealed class Playlists : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Playlists",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                OwnerId = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NormalizedName = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                IsPublic = table.Column<bool>(nullable: false),
                Rules = table.Column<string>(maxLength: 16000, nullable: true),
                SongCount = table.Column<int>(nullable: false),
                DurationSeconds = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Playlists", x => x.Id);
                table.ForeignKey("FK_Playlists_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Playlists_OwnerId_NormalizedName_Id", "Playlists", ["OwnerId", "NormalizedName", "Id"]);
        migrationBuilder.CreateIndex("IX_Playlists_IsPublic_NormalizedName_Id", "Playlists", ["IsPublic", "NormalizedName", "Id"]);
        migrationBuilder.CreateIndex("IX_Playlists_IsPublic_UpdatedAt_Id", "Playlists", ["IsPublic", "UpdatedAt", "Id"]);
        migrationBuilder.CreateIndex("IX_Playlists_IsPublic_SongCount_Id", "Playlists", ["IsPublic", "SongCount", "Id"]);

        migrationBuilder.CreateTable(
            name: "PlaylistEntries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                PlaylistId = table.Column<int>(nullable: false),
                SongId = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PlaylistEntries", x => x.Id);
                table.ForeignKey("FK_PlaylistEntries_Playlists_PlaylistId", x => x.PlaylistId, "Playlists", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_PlaylistEntries_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_PlaylistEntries_PlaylistId_Position", "PlaylistEntries", ["PlaylistId", "Position"]);
        migrationBuilder.CreateIndex("IX_PlaylistEntries_SongId", "PlaylistEntries", "SongId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PlaylistEntries");
        migrationBuilder.DropTable("Playlists");
    }
}
