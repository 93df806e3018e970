using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Albums, songs and their links. Written by hand (the EF design-time package cannot be restored
/// here) and kept provider-neutral: no store types, identity annotations for every provider.
/// A test compares the schema this produces with the one the model describes.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261122040000_InitialCatalog")]
public sealed class InitialCatalog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Albums",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Artist = table.Column<string>(maxLength: 100, nullable: false),
                Genre = table.Column<string>(maxLength: 50, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                CoverImageUrl = table.Column<string>(maxLength: 255, nullable: true),
                ReleaseDate = table.Column<DateOnly>(nullable: true),
                NormalizedTitle = table.Column<string>(maxLength: 100, nullable: false),
                NormalizedArtist = table.Column<string>(maxLength: 100, nullable: false),
                NormalizedGenre = table.Column<string>(maxLength: 50, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Albums", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Songs",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                FileUrl = table.Column<string>(maxLength: 255, nullable: false),
                Duration = table.Column<int>(nullable: true),
                LikeCount = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 100, nullable: false),
                Artist = table.Column<string>(maxLength: 100, nullable: false),
                Genre = table.Column<string>(maxLength: 50, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                CoverImageUrl = table.Column<string>(maxLength: 255, nullable: true),
                ReleaseDate = table.Column<DateOnly>(nullable: true),
                NormalizedTitle = table.Column<string>(maxLength: 100, nullable: false),
                NormalizedArtist = table.Column<string>(maxLength: 100, nullable: false),
                NormalizedGenre = table.Column<string>(maxLength: 50, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Songs", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AlbumSongs",
            columns: table => new
            {
                AlbumId = table.Column<int>(nullable: false),
                SongId = table.Column<int>(nullable: false),
                TrackNumber = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlbumSongs", x => new { x.AlbumId, x.SongId });
                table.ForeignKey("FK_AlbumSongs_Albums_AlbumId", x => x.AlbumId, "Albums", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AlbumSongs_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
            });

        foreach (var table in new[] { "Albums", "Songs" })
        {
            migrationBuilder.CreateIndex($"IX_{table}_CreatedAt_Id", table, ["CreatedAt", "Id"]);
            migrationBuilder.CreateIndex($"IX_{table}_NormalizedArtist_NormalizedTitle_Id", table, ["NormalizedArtist", "NormalizedTitle", "Id"]);
            migrationBuilder.CreateIndex($"IX_{table}_NormalizedGenre_NormalizedTitle_Id", table, ["NormalizedGenre", "NormalizedTitle", "Id"]);
            migrationBuilder.CreateIndex($"IX_{table}_NormalizedTitle_Id", table, ["NormalizedTitle", "Id"]);
        }

        migrationBuilder.CreateIndex("IX_Songs_LikeCount_Id", "Songs", ["LikeCount", "Id"]);
        migrationBuilder.CreateIndex("IX_AlbumSongs_SongId", "AlbumSongs", "SongId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AlbumSongs");
        migrationBuilder.DropTable("Songs");
        migrationBuilder.DropTable("Albums");
    }
}
