using Microsoft.Data.Sqlite;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;
using static MusicPlayer.Bench.Seed.StoredFormats;

namespace MusicPlayer.Bench.Seed;

/// <summary>
/// Writes the planned catalog. Each row is first built by the domain (<see cref="Album.Create"/>,
/// <see cref="Song.Create"/>, <see cref="User.Create"/>), so trimming, the case-folded columns and
/// the timestamps are exactly what the app would store; only the INSERT is ours.
/// </summary>
internal static class Loader
{
    public const string AdminEmail = "admin@example.com";

    private static readonly string[] MailDomains = ["example.com", "example.org", "example.net"];

    public static void Load(SqliteConnection connection, SeedOptions o, CatalogPlan plan, string passwordHash)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var albumTitles = Albums(connection, o, plan, terms);
        Songs(connection, o, plan, albumTitles, terms);
        AlbumSongs(connection, plan);
        SearchTerms(connection, terms);
        Users(connection, o, plan, passwordHash);
        Likes(connection, o, plan);
    }

    private static string[] Albums(SqliteConnection connection, SeedOptions o, CatalogPlan plan, HashSet<string> terms)
    {
        var rng = new Random(unchecked(o.Seed * 7919 + 1));
        var titles = new string[o.Albums];
        using var table = new BulkTable(connection, "Albums", o.Albums,
            "Id", "Title", "Artist", "Genre", "Description", "CoverImageUrl", "ReleaseDate",
            "NormalizedTitle", "NormalizedArtist", "NormalizedGenre", "CreatedAt", "UpdatedAt",
            "SearchKey", "ArtistKey", "ArtistText", "SearchText");
        var p = table.Parameters;
        for (var i = 0; i < o.Albums; i++)
        {
            var id = i + 1;
            var created = new DateTime(plan.AlbumCreated[i], DateTimeKind.Utc);
            var details = new CatalogDetails(
                Names.AlbumTitle(rng),
                plan.ArtistNames[plan.AlbumArtist[i]],
                Words.Genres[plan.AlbumGenre[i]].Name,
                rng.NextDouble() < 0.5 ? Names.Description(rng) : null,
                plan.AlbumHasCover[i] ? AlbumCover(id) : null,
                plan.AlbumRelease[i]);
            var album = Album.Create(details, created);
            if (rng.NextDouble() < 0.15) album.Update(details, Later(created, rng));

            p[0].Value = id;
            BindCatalogItem(p, 1, album);
            BindSearch(p, 12, album, SearchText.Document(album.Title, album.Artist), terms);
            titles[i] = album.Title;
            table.Add();
        }
        table.Complete();
        return titles;
    }

    private static void Songs(SqliteConnection connection, SeedOptions o, CatalogPlan plan, string[] albumTitles, HashSet<string> terms)
    {
        var rng = new Random(unchecked(o.Seed * 7919 + 2));
        // The albums each song is on (its own and bonus tracks): their titles are part of its index document.
        var albumsOf = new Dictionary<int, List<int>>();
        foreach (var key in plan.LinkKeys)
        {
            var songId = (int)(key & 0xFFFF_FFFF);
            if (!albumsOf.TryGetValue(songId, out var list)) albumsOf[songId] = list = [];
            list.Add((int)(key >> 32));
        }
        using var table = new BulkTable(connection, "Songs", o.Songs,
            "Id", "Title", "Artist", "Genre", "Description", "CoverImageUrl", "ReleaseDate",
            "NormalizedTitle", "NormalizedArtist", "NormalizedGenre", "CreatedAt", "UpdatedAt",
            "FileUrl", "Duration", "LikeCount", "SearchKey", "ArtistKey", "ArtistText", "SearchText");
        var p = table.Parameters;
        for (var i = 0; i < o.Songs; i++)
        {
            var id = i + 1;
            var albumId = plan.SongAlbum[i];
            var created = new DateTime(plan.SongCreated[i], DateTimeKind.Utc);
            var artist = plan.ArtistNames[plan.SongArtist[i]];
            var details = new SongDetails(
                new CatalogDetails(
                    Names.SongTitle(rng),
                    artist,
                    Words.Genres[plan.SongGenre[i]].Name,
                    rng.NextDouble() < 0.25 ? Names.Description(rng) : null,
                    albumId != 0
                        ? plan.AlbumHasCover[albumId - 1] ? AlbumCover(albumId) : null
                        : rng.NextDouble() < 0.6 ? $"https://img.example.com/covers/s{id:D7}.jpg" : null,
                    albumId != 0
                        ? plan.AlbumRelease[albumId - 1]
                        : rng.NextDouble() < 0.8 ? CatalogPlan.ReleaseDate(rng) : null),
                $"https://media.example.com/audio/{Slug(artist)}/{id:D7}.mp3",
                Duration(rng));
            var song = Song.Create(details, created);
            if (rng.NextDouble() < 0.15) song.Update(details, Later(created, rng));

            p[0].Value = id;
            BindCatalogItem(p, 1, song);
            p[12].Value = song.FileUrl;
            p[13].Value = (object?)song.Duration ?? DBNull.Value;
            p[14].Value = plan.LikeCounts[i];
            var onAlbums = albumsOf.TryGetValue(id, out var albums) ? albums.Select(a => albumTitles[a - 1]) : [];
            BindSearch(p, 15, song, SearchText.Document([song.Title, song.Artist, .. onAlbums]), terms);
            table.Add();
        }
        table.Complete();
    }

    private static void AlbumSongs(SqliteConnection connection, CatalogPlan plan)
    {
        using var table = new BulkTable(connection, "AlbumSongs", plan.LinkKeys.Length, "AlbumId", "SongId", "TrackNumber");
        var p = table.Parameters;
        for (var i = 0; i < plan.LinkKeys.Length; i++)
        {
            p[0].Value = (int)(plan.LinkKeys[i] >> 32);
            p[1].Value = (int)(plan.LinkKeys[i] & 0xFFFF_FFFF);
            p[2].Value = plan.LinkTracks[i] == 0 ? DBNull.Value : plan.LinkTracks[i];
            table.Add();
        }
        table.Complete();
    }

    private static void Users(SqliteConnection connection, SeedOptions o, CatalogPlan plan, string passwordHash)
    {
        var rng = new Random(unchecked(o.Seed * 7919 + 3));
        using var table = new BulkTable(connection, "Users", o.Users + 1,
            "Id", "Username", "NormalizedUsername", "Email", "NormalizedEmail", "FirstName", "LastName", "Role",
            "PasswordHash", "SessionVersion", "FailedLoginCount", "LockedUntil", "CreatedAt", "UpdatedAt");
        var p = table.Parameters;

        var adminJoined = new DateTime(plan.AdminCreated, DateTimeKind.Utc);
        Bind(1, User.Create("admin", AdminEmail, "Bench", "Admin", Roles.Admin, passwordHash, adminJoined));
        for (var i = 0; i < o.Users; i++)
        {
            var id = i + 2;
            var first = Words.FirstNames[rng.Next(Words.FirstNames.Length)];
            var last = Words.LastNames[rng.Next(Words.LastNames.Length)];
            var username = new string($"{first}.{last}{id}".ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
            var email = $"{Words.Ascii(first)}.{Words.Ascii(last)}{id}@{MailDomains[rng.Next(MailDomains.Length)]}";
            var joined = new DateTime(plan.UserCreated[i], DateTimeKind.Utc);
            var user = User.Create(username, email, first, rng.NextDouble() < 0.9 ? last : null, Roles.User, passwordHash, joined);
            if (rng.NextDouble() < 0.2) user.SetProfile(user.Username, user.Email, user.FirstName, user.LastName, Later(joined, rng));
            Bind(id, user);
        }
        table.Complete();

        void Bind(int id, User user)
        {
            p[0].Value = id;
            p[1].Value = user.Username;
            p[2].Value = user.NormalizedUsername;
            p[3].Value = user.Email;
            p[4].Value = user.NormalizedEmail;
            p[5].Value = user.FirstName;
            p[6].Value = (object?)user.LastName ?? DBNull.Value;
            p[7].Value = user.Role;
            p[8].Value = user.PasswordHash;
            p[9].Value = user.SessionVersion;
            p[10].Value = user.FailedLoginCount;
            p[11].Value = user.LockedUntil is { } locked ? Timestamp(locked) : DBNull.Value;
            p[12].Value = Timestamp(user.CreatedAt);
            p[13].Value = Timestamp(user.UpdatedAt);
            table.Add();
        }
    }

    private static void Likes(SqliteConnection connection, SeedOptions o, CatalogPlan plan)
    {
        using var table = new BulkTable(connection, "UserLikes", plan.LikeSongs.Length, "UserId", "SongId", "LikedAt");
        var p = table.Parameters;
        for (var u = 0; u < o.Users; u++)
        {
            p[0].Value = u + 2;
            for (var k = plan.LikeOffsets[u]; k < plan.LikeOffsets[u + 1]; k++)
            {
                p[1].Value = plan.LikeSongs[k];
                p[2].Value = Timestamp(new DateTime(plan.LikeTicks[k], DateTimeKind.Utc));
                table.Add();
            }
        }
        table.Complete();
    }

    /// <summary>Title, Artist, Genre, Description, CoverImageUrl, ReleaseDate, the three folded columns, CreatedAt, UpdatedAt.</summary>
    private static void BindCatalogItem(SqliteParameter[] p, int at, CatalogItem item)
    {
        p[at].Value = item.Title;
        p[at + 1].Value = item.Artist;
        p[at + 2].Value = item.Genre;
        p[at + 3].Value = (object?)item.Description ?? DBNull.Value;
        p[at + 4].Value = (object?)item.CoverImageUrl ?? DBNull.Value;
        p[at + 5].Value = item.ReleaseDate is { } date ? Date(date) : DBNull.Value;
        p[at + 6].Value = item.NormalizedTitle;
        p[at + 7].Value = item.NormalizedArtist;
        p[at + 8].Value = item.NormalizedGenre;
        p[at + 9].Value = Timestamp(item.CreatedAt);
        p[at + 10].Value = Timestamp(item.UpdatedAt);
    }

    /// <summary>
    /// SearchKey, ArtistKey, ArtistText (the domain's) and the index document, made by the same normaliser the app's
    /// saves use (SearchText.Document of title, artist and album titles); the FTS5 triggers index it as it is inserted.
    /// </summary>
    private static void BindSearch(SqliteParameter[] p, int at, CatalogItem item, string document, HashSet<string> terms)
    {
        p[at].Value = item.SearchKey;
        p[at + 1].Value = item.ArtistKey;
        p[at + 2].Value = item.ArtistText;
        p[at + 3].Value = document;
        terms.UnionWith(document.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The search vocabulary: every term of every document.</summary>
    private static void SearchTerms(SqliteConnection connection, HashSet<string> terms)
    {
        using var table = new BulkTable(connection, "SearchTerms", terms.Count, "Term");
        foreach (var term in terms.Order(StringComparer.Ordinal))
        {
            table.Parameters[0].Value = term;
            table.Add();
        }
        table.Complete();
    }

    private static string AlbumCover(int albumId) => $"https://img.example.com/covers/a{albumId:D6}.jpg";

    private static string Slug(string artist)
    {
        var ascii = Words.Ascii(artist.Replace(' ', '-').Replace("&", "and"));
        return ascii.Length > 0 ? ascii : "artist";
    }

    /// <summary>A moment between <paramref name="from"/> and the catalog's reference time.</summary>
    private static DateTime Later(DateTime from, Random rng) =>
        from + (CatalogPlan.Reference - from) * rng.NextDouble();

    /// <summary>Seconds: mostly 2-6 minutes, a few long pieces, a few unknown.</summary>
    private static int? Duration(Random rng) => rng.NextDouble() switch
    {
        < 0.04 => null,
        < 0.06 => rng.Next(600, 3601),
        _ => Math.Clamp((int)(225 + 60 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())), 30, 1200),
    };
}
