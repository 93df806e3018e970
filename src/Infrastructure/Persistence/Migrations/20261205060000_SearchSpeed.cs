using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Search with work bounded by its limit: the title keys indexed (exact and prefix tiers read them in key
/// order) and songs indexed in popularity order, likes then plays (the tiers with many matches are read in
/// that order and stop at the limit); artists grouped by key and spelling (with the songs' likes and plays) from
/// covering indexes, which replace the plain ones on the artist key.
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
        migrationBuilder.DropIndex("IX_Albums_ArtistKey", "Albums");
        migrationBuilder.DropIndex("IX_Songs_ArtistKey", "Songs");
        migrationBuilder.CreateIndex("IX_Albums_ArtistKey_Artist", "Albums", ["ArtistKey", "Artist"]);
        migrationBuilder.CreateIndex("IX_Songs_ArtistKey_Artist_LikeCount_PlayCount", "Songs", ["ArtistKey", "Artist", "LikeCount", "PlayCount"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Songs_ArtistKey_Artist_LikeCount_PlayCount", "Songs");
        migrationBuilder.DropIndex("IX_Albums_ArtistKey_Artist", "Albums");
        migrationBuilder.CreateIndex("IX_Songs_ArtistKey", "Songs", "ArtistKey");
        migrationBuilder.CreateIndex("IX_Albums_ArtistKey", "Albums", "ArtistKey");
        migrationBuilder.DropIndex("IX_Songs_LikeCount_PlayCount_Id", "Songs");
        migrationBuilder.DropIndex("IX_Songs_SearchKey", "Songs");
        migrationBuilder.DropIndex("IX_Albums_SearchKey", "Albums");
    }
}
