using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>Lockouts in a row per user, which make the next lockout longer (LockoutPolicy). Existing users start at none.</summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261201090000_ProgressiveLockout")]
public sealed class ProgressiveLockout : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "LockoutCount", table: "Users", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "LockoutCount", table: "Users");
}
