using System.Globalization;
using Microsoft.Data.Sqlite;
using MusicPlayer.Domain.History;
using static MusicPlayer.Bench.Seed.StoredFormats;

namespace MusicPlayer.Bench.Seed;

/// <summary>
/// Listening history for the benchmark: <c>--plays N</c> plays, of which the first user (id 2, the heaviest
/// listener) has <c>--heavy-plays</c> spread over the last 365 days, and the rest are spread over every user
/// and the last 30 days. Songs are picked with a popularity skew (a few songs get most plays), about one play
/// in four is a skip that does not count. Timestamps count back from the hour the seeder runs in, so charts
/// and statistics of "the last week" find them. Then the songs' PlayCount, the songs' and users' hourly aggregates are
/// derived from the rows in SQL, exactly as the app keeps them, and the chart windows from that.
/// </summary>
internal static class Plays
{
    public static void Load(SqliteConnection connection, SeedOptions o)
    {
        if (o.Plays == 0) return;
        var durations = Durations(connection, o.Songs);
        var rng = new Random(unchecked(o.Seed * 7919 + 9));
        var now = DateTime.UtcNow;
        var heavy = Math.Min(o.HeavyPlays, o.Plays);
        using (var table = new BulkTable(connection, "Plays", o.Plays,
                   "UserId", "SongId", "PlayedAt", "PlayedMinute", "SecondsPlayed", "Counted"))
        {
            var p = table.Parameters;
            for (long i = 0; i < o.Plays; i++)
            {
                var isHeavy = i < heavy;
                var userId = isHeavy ? 2 : 2 + rng.Next(o.Users);
                var playedAt = now.AddSeconds(-rng.NextDouble() * (isHeavy ? 365 : 30) * 86_400);
                playedAt = new DateTime(playedAt.Ticks - playedAt.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
                // Popularity skew: the cube of a uniform number favours the low song ids.
                var song = (int)(Math.Pow(rng.NextDouble(), 3) * o.Songs);
                var duration = durations[song];
                var seconds = rng.Next(4) == 0 ? rng.Next(1, 20) : Math.Max(1, (int)((duration ?? 200) * (0.6 + 0.4 * rng.NextDouble())));
                p[0].Value = userId;
                p[1].Value = song + 1;
                p[2].Value = Timestamp(playedAt);
                p[3].Value = PlayRules.MinuteOf(playedAt);
                p[4].Value = seconds;
                p[5].Value = PlayRules.IsCounted(seconds, duration) ? 1 : 0;
                table.Add();
            }
            table.Complete();
        }

        Execute(connection, """
            INSERT INTO "SongPlayHours" ("SongId", "Hour", "Plays")
            SELECT "SongId", "PlayedMinute" / 60, COUNT(*) FROM "Plays" WHERE "Counted" GROUP BY "SongId", "PlayedMinute" / 60
            """);
        Execute(connection, """
            UPDATE "Songs" SET "PlayCount" = COALESCE((SELECT SUM(h."Plays") FROM "SongPlayHours" h WHERE h."SongId" = "Songs"."Id"), 0)
            """);
        Execute(connection, """
            INSERT INTO "UserPlayHours" ("UserId", "Hour", "Plays", "Seconds")
            SELECT "UserId", "PlayedMinute" / 60, SUM("Counted"), SUM("SecondsPlayed") FROM "Plays" GROUP BY "UserId", "PlayedMinute" / 60
            """);
        // The chart windows as of the seeding hour (a later first read moves them on, as the app does).
        Execute(connection, string.Create(CultureInfo.InvariantCulture,
            $"""UPDATE "ChartWindows" SET "StartHour" = {PlayRules.HourOf(now)} - "Hours" """));
        Execute(connection, """
            DELETE FROM "SongPlayWindows";
            INSERT INTO "SongPlayWindows" ("Hours", "SongId", "Plays")
            SELECT w."Hours", h."SongId", SUM(h."Plays") FROM "ChartWindows" w JOIN "SongPlayHours" h ON h."Hour" >= w."StartHour"
            GROUP BY w."Hours", h."SongId"
            """);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  plays       {heavy:N0} of them by user 2 (over 365 days), the rest by {o.Users:N0} users over 30 days; counters, hourly aggregates and chart windows derived"));
    }

    /// <summary>How many songs' PlayCount differs from their counted play rows (0 when exact).</summary>
    public static long WrongCounts(SqliteConnection connection) => Convert.ToInt64(Scalar(connection,
        """SELECT COUNT(*) FROM "Songs" s WHERE s."PlayCount" <> (SELECT COUNT(*) FROM "Plays" p WHERE p."SongId" = s."Id" AND p."Counted")"""),
        CultureInfo.InvariantCulture);

    private static int?[] Durations(SqliteConnection connection, int songs)
    {
        var durations = new int?[songs];
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "Duration" FROM "Songs" """;
        using var reader = command.ExecuteReader();
        while (reader.Read()) durations[reader.GetInt32(0) - 1] = reader.IsDBNull(1) ? null : reader.GetInt32(1);
        return durations;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return command.ExecuteScalar();
    }
}
