using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Upload sessions (declared file, expiry, received bytes, the song they became), indexed by expiry for
/// the sweep and by storage key for the check that no session still holds bytes about to be deleted.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261204120000_UploadSessions")]
public sealed class UploadSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "UploadSessions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: true),
                CreatedBy = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                StoredKey = table.Column<string>(maxLength: 100, nullable: true),
                StoredSha256 = table.Column<string>(maxLength: 64, nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
                SongId = table.Column<int>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_UploadSessions", x => x.Id));

        migrationBuilder.CreateIndex("IX_UploadSessions_ExpiresAt", "UploadSessions", "ExpiresAt");
        migrationBuilder.CreateIndex("IX_UploadSessions_StoredKey", "UploadSessions", "StoredKey");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("UploadSessions");
}
