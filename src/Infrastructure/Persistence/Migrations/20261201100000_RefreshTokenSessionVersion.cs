using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// The session version a refresh token was issued in. Tokens issued before this migration take their
/// user's current version, so they keep working until the next password change ends them.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261201100000_RefreshTokenSessionVersion")]
public sealed class RefreshTokenSessionVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "SessionVersion", table: "RefreshTokens", nullable: false, defaultValue: 0);
        migrationBuilder.Sql(migrationBuilder.IsSqlServer()
            ? "UPDATE [RefreshTokens] SET [SessionVersion] = (SELECT [SessionVersion] FROM [Users] WHERE [Users].[Id] = [RefreshTokens].[UserId]);"
            : """UPDATE "RefreshTokens" SET "SessionVersion" = (SELECT "SessionVersion" FROM "Users" WHERE "Users"."Id" = "RefreshTokens"."UserId");""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "SessionVersion", table: "RefreshTokens");
}
