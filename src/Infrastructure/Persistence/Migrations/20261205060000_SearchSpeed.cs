using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Search with work bounded by its limit: the title keys indexed (exact and prefix tiers read them in key
/// order) and songs indexed in popularity order, likes then plays (the tiers with many matches are read in
/// that order and stop at the limit).
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261205060000_SearchSpeed")]
public sealed class SearchSpeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Albums_SearchKey", "Albums", "SearchKey");
        migrationBuilder.CreateIndex("IX_Songs_SearchKey", "Songs", "SearchKey");
        migrationBuilder.CreateIndex("IX_Songs_LikeCount_PlayCount_Id", "Songs", ["LikeCount", "PlayCount", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Songs_LikeCount_PlayCount_Id", "Songs");
        migrationBuilder.DropIndex("IX_Songs_SearchKey", "Songs");
        migrationBuilder.DropIndex("IX_Albums_SearchKey", "Albums");
    }
}
