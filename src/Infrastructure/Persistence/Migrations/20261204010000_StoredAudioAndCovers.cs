using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// A song's stored audio and a song's or an album's stored cover: nullable columns of their rows (a
/// song without audio has them all null), an index on the audio's SHA-256 for duplicate uploads, and
/// one on each storage key for the check that no row still references bytes about to be deleted.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261204010000_StoredAudioAndCovers")]
public sealed class StoredAudioAndCovers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("AudioStorageKey", "Songs", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>("AudioFormat", "Songs", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<string>("AudioMimeType", "Songs", maxLength: 50, nullable: true);
        migrationBuilder.AddColumn<long>("AudioSize", "Songs", nullable: true);
        migrationBuilder.AddColumn<string>("AudioSha256", "Songs", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<double>("AudioDurationSeconds", "Songs", nullable: true);
        migrationBuilder.AddColumn<int>("AudioBitrate", "Songs", nullable: true);
        migrationBuilder.AddColumn<int>("AudioSampleRate", "Songs", nullable: true);
        migrationBuilder.AddColumn<int>("AudioChannels", "Songs", nullable: true);
        migrationBuilder.CreateIndex("IX_Songs_AudioSha256", "Songs", "AudioSha256");
        migrationBuilder.CreateIndex("IX_Songs_AudioStorageKey", "Songs", "AudioStorageKey");

        foreach (var table in new[] { "Songs", "Albums" })
        {
            migrationBuilder.AddColumn<string>("CoverStorageKey", table, maxLength: 100, nullable: true);
            migrationBuilder.AddColumn<string>("CoverMimeType", table, maxLength: 50, nullable: true);
            migrationBuilder.AddColumn<long>("CoverSize", table, nullable: true);
            migrationBuilder.AddColumn<string>("CoverSha256", table, maxLength: 64, nullable: true);
            migrationBuilder.CreateIndex($"IX_{table}_CoverStorageKey", table, "CoverStorageKey");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "Albums", "Songs" })
        {
            migrationBuilder.DropIndex($"IX_{table}_CoverStorageKey", table);
            foreach (var column in new[] { "CoverSha256", "CoverSize", "CoverMimeType", "CoverStorageKey" })
                migrationBuilder.DropColumn(column, table);
        }

        migrationBuilder.DropIndex("IX_Songs_AudioStorageKey", "Songs");
        migrationBuilder.DropIndex("IX_Songs_AudioSha256", "Songs");
        foreach (var column in new[] { "AudioChannels", "AudioSampleRate", "AudioBitrate", "AudioDurationSeconds", "AudioSha256",
                     "AudioSize", "AudioMimeType", "AudioFormat", "AudioStorageKey" })
            migrationBuilder.DropColumn(column, "Songs");
    }
}
