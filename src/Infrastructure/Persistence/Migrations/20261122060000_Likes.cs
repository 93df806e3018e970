using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>Users' likes of songs; the songs' LikeCount column has been there since the catalog.</summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261122060000_Likes")]
public sealed class Likes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "UserLikes",
            columns: table => new
            {
                UserId = table.Column<int>(nullable: false),
                SongId = table.Column<int>(nullable: false),
                LikedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserLikes", x => new { x.UserId, x.SongId });
                table.ForeignKey("FK_UserLikes_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_UserLikes_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_UserLikes_SongId", "UserLikes", "SongId");
        migrationBuilder.CreateIndex("IX_UserLikes_UserId_LikedAt_SongId", "UserLikes", ["UserId", "LikedAt", "SongId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("UserLikes");
}
