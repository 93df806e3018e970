using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Rolling chart windows: per window (24, 168 and 720 hours) its start hour and one counter per song, ranked by
/// an index, so a chart is an index range read with LIMIT instead of a sum over the hourly aggregate. The
/// windows start at hour 0 holding every counted play (the hourly aggregate summed per song); the first chart
/// read moves each start to its current hour and takes the hours it passes off the counters. Each user's plays per
/// UTC hour (counted plays and seconds) for per-day statistics, derived from the plays; and the plays' (user, song,
/// playedAt) index gains Counted, so statistics group counted plays by song from the index alone.
/// </summary>
[DbContext(typeof(MusicPlayerDbContext))]
[Migration("20261206060000_ChartWindows")]
public sealed class ChartWindows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChartWindows",
            columns: table => new
            {
                Hours = table.Column<int>(nullable: false),
                StartHour = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ChartWindows", x => x.Hours));

        migrationBuilder.CreateTable(
            name: "SongPlayWindows",
            columns: table => new
            {
                Hours = table.Column<int>(nullable: false),
                SongId = table.Column<int>(nullable: false),
                Plays = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SongPlayWindows", x => new { x.Hours, x.SongId });
                table.ForeignKey("FK_SongPlayWindows_ChartWindows_Hours", x => x.Hours, "ChartWindows", "Hours", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_SongPlayWindows_Songs_SongId", x => x.SongId, "Songs", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SongPlayWindows_Hours_Plays_SongId", "SongPlayWindows", ["Hours", "Plays", "SongId"],
            descending: [false, true, false]);
        migrationBuilder.CreateIndex("IX_SongPlayWindows_SongId", "SongPlayWindows", "SongId");

        migrationBuilder.CreateTable(
            name: "UserPlayHours",
            columns: table => new
            {
                UserId = table.Column<int>(nullable: false),
                Hour = table.Column<long>(nullable: false),
                Plays = table.Column<int>(nullable: false),
                Seconds = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserPlayHours", x => new { x.UserId, x.Hour });
                table.ForeignKey("FK_UserPlayHours_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.DropIndex("IX_Plays_UserId_SongId_PlayedAt", "Plays");
        migrationBuilder.CreateIndex("IX_Plays_UserId_SongId_PlayedAt_Counted", "Plays", ["UserId", "SongId", "PlayedAt", "Counted"]);

        var sql = migrationBuilder.IsSqlServer()
            ? """
              INSERT INTO [ChartWindows] ([Hours], [StartHour]) VALUES (24, 0), (168, 0), (720, 0);
              INSERT INTO [SongPlayWindows] ([Hours], [SongId], [Plays])
              SELECT w.[Hours], h.[SongId], SUM(h.[Plays]) FROM [SongPlayHours] h CROSS JOIN [ChartWindows] w
              GROUP BY w.[Hours], h.[SongId] HAVING SUM(h.[Plays]) > 0;
              INSERT INTO [UserPlayHours] ([UserId], [Hour], [Plays], [Seconds])
              SELECT [UserId], [PlayedMinute] / 60, SUM(CASE WHEN [Counted] = 1 THEN 1 ELSE 0 END), SUM(CAST([SecondsPlayed] AS bigint))
              FROM [Plays] GROUP BY [UserId], [PlayedMinute] / 60;
              """
            : """
              INSERT INTO "ChartWindows" ("Hours", "StartHour") VALUES (24, 0), (168, 0), (720, 0);
              INSERT INTO "SongPlayWindows" ("Hours", "SongId", "Plays")
              SELECT w."Hours", h."SongId", SUM(h."Plays") FROM "SongPlayHours" h CROSS JOIN "ChartWindows" w
              GROUP BY w."Hours", h."SongId" HAVING SUM(h."Plays") > 0;
              INSERT INTO "UserPlayHours" ("UserId", "Hour", "Plays", "Seconds")
              SELECT "UserId", "PlayedMinute" / 60, SUM(CASE WHEN "Counted" THEN 1 ELSE 0 END), SUM(CAST("SecondsPlayed" AS bigint))
              FROM "Plays" GROUP BY "UserId", "PlayedMinute" / 60;
              """;
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            migrationBuilder.Sql(statement + ";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Plays_UserId_SongId_PlayedAt_Counted", "Plays");
        migrationBuilder.CreateIndex("IX_Plays_UserId_SongId_PlayedAt", "Plays", ["UserId", "SongId", "PlayedAt"]);
        migrationBuilder.DropTable("UserPlayHours");
        migrationBuilder.DropTable("SongPlayWindows");
        migrationBuilder.DropTable("ChartWindows");
    }
}
