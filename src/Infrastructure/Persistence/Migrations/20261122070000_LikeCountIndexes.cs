using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>Indexes for the most-liked songs of a genre or an artist (sort=-likeCount with a filter).</summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261122070000_LikeCountIndexes")]
public sealed class LikeCountIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_Songs_NormalizedGenre_LikeCount_Id", "Songs", ["NormalizedGenre", "LikeCount", "Id"]);
        migrationBuilder.CreateIndex("IX_Songs_NormalizedArtist_LikeCount_Id", "Songs", ["NormalizedArtist", "LikeCount", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Songs_NormalizedArtist_LikeCount_Id", "Songs");
        migrationBuilder.DropIndex("IX_Songs_NormalizedGenre_LikeCount_Id", "Songs");
    }
}
