using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Bench.Seed;

/// <summary>How EF Core stores timestamps and dates on SQLite, checked against EF itself.</summary>
internal static class StoredFormats
{
    public static string Timestamp(DateTime value) =>
        value.ToString("yyyy'-'MM'-'dd HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Saves an album and a user through EF in a transaction that is rolled back, reads the raw
    /// column text and compares it with what the loader writes. Fails loudly if EF ever changes.
    /// </summary>
    public static void CheckAgainstEf(MusicPlayerDbContext db)
    {
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        var updated = new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(5_000_000);
        var joined = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var released = new DateOnly(2001, 2, 3);
        var details = new CatalogDetails("Format check", "Seed", "Rock", ReleaseDate: released);
        var album = Album.Create(details, created);
        album.Update(details, updated);
        var user = User.Create("format-check", "format@check.invalid", "Format", null, Roles.User, "-", joined);

        using var transaction = db.Database.BeginTransaction();
        db.AddRange(album, user);
        db.SaveChanges();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText =
            $"SELECT a.CreatedAt, a.UpdatedAt, a.ReleaseDate, u.CreatedAt FROM Albums a, Users u WHERE a.Id = {album.Id} AND u.Id = {user.Id}";
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (string Ef, string Ours)[] pairs =
            [
                (reader.GetString(0), Timestamp(created)),
                (reader.GetString(1), Timestamp(updated)),
                (reader.GetString(2), Date(released)),
                (reader.GetString(3), Timestamp(joined)),
            ];
            foreach (var (ef, ours) in pairs)
                if (ef != ours)
                    throw new InvalidOperationException($"EF stores '{ef}' where the loader would write '{ours}'.");
            Console.WriteLine($"  formats     as EF stores them: '{pairs[0].Ef}', '{pairs[1].Ef}', '{pairs[2].Ef}', '{pairs[3].Ef}'");
        }
        transaction.Rollback();
        db.ChangeTracker.Clear();
    }
}
