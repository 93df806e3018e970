using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// A small library of public-domain classical recordings' metadata, so that a fresh database has
/// something to browse. Stored only when <c>DemoLibrary:Seed</c> is true (appsettings.Development.json
/// sets it) and the catalog is empty, so it never mixes with a real catalog.
/// </summary>
public static class DemoLibrary
{
    public const string Setting = "DemoLibrary:Seed";

    private sealed record Track(string Title, int Duration);

    private sealed record Record(string Title, string Artist, string Genre, int Year, string Description, Track[] Tracks);

    private static readonly Record[] Records =
    [
        new("Goldberg Variations", "Johann Sebastian Bach", "Baroque", 1741, "An aria and thirty variations for harpsichord.",
            [new("Aria", 186), new("Variation 1", 112), new("Variation 2", 98), new("Variation 3 (Canon at the unison)", 121)]),
        new("The Four Seasons", "Antonio Vivaldi", "Baroque", 1725, "Four violin concertos, one for each season.",
            [new("Spring: I. Allegro", 204), new("Summer: III. Presto", 170), new("Autumn: I. Allegro", 297), new("Winter: II. Largo", 126)]),
        new("Nocturnes, Op. 9", "Frédéric Chopin", "Romantic", 1832, "Three nocturnes for solo piano.",
            [new("Nocturne in B-flat minor, Op. 9 No. 1", 330), new("Nocturne in E-flat major, Op. 9 No. 2", 272),
             new("Nocturne in B major, Op. 9 No. 3", 411)]),
        new("Gymnopédies", "Erik Satie", "Impressionist", 1888, "Three slow, quiet piano pieces.",
            [new("Gymnopédie No. 1", 205), new("Gymnopédie No. 2", 160), new("Gymnopédie No. 3", 152)]),
    ];

    /// <summary>When <see cref="Setting"/> is true, stores the demo library in an empty catalog; returns whether it did.</summary>
    public static Task<bool> SeedDemoLibraryAsync(this IServiceProvider services, IConfiguration configuration,
        CancellationToken cancellationToken = default) =>
        configuration.GetValue<bool>(Setting)
            ? services.SeedIfEmptyAsync((services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Stores the demo library when the catalog has no album and no song; returns whether it did.</summary>
    public static async Task<bool> SeedIfEmptyAsync(this IServiceProvider services, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        if (await db.Albums.AnyAsync(cancellationToken) || await db.Songs.AnyAsync(cancellationToken)) return false;

        // Songs on an album are told apart by id, so the songs are stored before they are linked; all in one transaction.
        await db.InTransactionAsync(async () =>
        {
            var albums = Records.Select(record => (Album: Album.Create(Details(record.Title, record), now),
                Songs: record.Tracks.Select((track, i) => Song.Create(new SongDetails(Details(track.Title, record),
                    $"https://demo.musicplayer.invalid/{Slug(record.Title)}/{i + 1}.mp3", track.Duration), now)).ToList())).ToList();
            foreach (var (album, songs) in albums)
            {
                db.Albums.Add(album);
                db.Songs.AddRange(songs);
            }
            await db.SaveChangesAsync(cancellationToken);

            foreach (var (album, songs) in albums)
                for (var i = 0; i < songs.Count; i++) album.SetSong(songs[i], i + 1);
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        return true;
    }

    private static CatalogDetails Details(string title, Record record) =>
        new(title, record.Artist, record.Genre, record.Description, null, new DateOnly(record.Year, 1, 1));

    private static string Slug(string title) =>
        string.Concat(title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
}
