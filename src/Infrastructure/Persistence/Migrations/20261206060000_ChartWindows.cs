using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicPlayer.Infrastructure.Persistence.Migrations;

/// <summary>
/// Rolling chart windows: per window (24, 168 and 720 hours) its start hour and one counter per song, ranked by
/// an index, so a chart is an index range read with LIMIT instead of a sum over the hourly aggregate. The
/// windows start at hour 0 holding every counted play (the hourly aggregate summed per song); the first chart
/// read moves each start to its current hour and takes the hours it passes off the counters.
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

        var sql = migrationBuilder.IsSqlServer()
            ? """
              INSERT INTO [ChartWindows] ([Hours], [StartHour]) VALUES (24, 0), (168, 0), (720, 0);
              INSERT INTO [SongPlayWindows] ([Hours], [SongId], [Plays])
              SELECT w.[Hours], h.[SongId], SUM(h.[Plays]) FROM [SongPlayHours] h CROSS JOIN [ChartWindows] w
              GROUP BY w.[Hours], h.[SongId] HAVING SUM(h.[Plays]) > 0;
              """
            : """
              INSERT INTO "ChartWindows" ("Hours", "StartHour") VALUES (24, 0), (168, 0), (720, 0);
              INSERT INTO "SongPlayWindows" ("Hours", "SongId", "Plays")
              SELECT w."Hours", h."SongId", SUM(h."Plays") FROM "SongPlayHours" h CROSS JOIN "ChartWindows" w
              GROUP BY w."Hours", h."SongId" HAVING SUM(h."Plays") > 0;
              """;
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            migrationBuilder.Sql(statement + ";");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SongPlayWindows");
        migrationBuilder.DropTable("ChartWindows");
    }
}
