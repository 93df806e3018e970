using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>Users and their refresh tokens. Hand-written and provider-neutral, like every migration here.</summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261122050000_Accounts")]
public sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                Username = table.Column<string>(maxLength: 50, nullable: false),
                NormalizedUsername = table.Column<string>(maxLength: 50, nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                NormalizedEmail = table.Column<string>(maxLength: 254, nullable: false),
                FirstName = table.Column<string>(maxLength: 50, nullable: false),
                LastName = table.Column<string>(maxLength: 50, nullable: true),
                Role = table.Column<string>(maxLength: 20, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: false),
                SessionVersion = table.Column<int>(nullable: false),
                FailedLoginCount = table.Column<int>(nullable: false),
                LockedUntil = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Users", x => x.Id));

        migrationBuilder.CreateTable(
            name: "RefreshTokens",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Identity(),
                UserId = table.Column<int>(nullable: false),
                FamilyId = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RefreshTokens", x => x.Id);
                table.ForeignKey("FK_RefreshTokens_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateUniqueIndex("IX_Users_NormalizedEmail", "Users", "NormalizedEmail");
        migrationBuilder.CreateUniqueIndex("IX_Users_NormalizedUsername", "Users", "NormalizedUsername");
        migrationBuilder.CreateIndex("IX_Users_Role", "Users", "Role");
        migrationBuilder.CreateIndex("IX_RefreshTokens_FamilyId", "RefreshTokens", "FamilyId");
        migrationBuilder.CreateUniqueIndex("IX_RefreshTokens_TokenHash", "RefreshTokens", "TokenHash");
        migrationBuilder.CreateIndex("IX_RefreshTokens_UserId", "RefreshTokens", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("RefreshTokens");
        migrationBuilder.DropTable("Users");
    }
}
