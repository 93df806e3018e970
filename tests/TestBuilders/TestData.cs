using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.TestBuilders;

/// <summary>
/// Valid entities and values in one line: defaults that pass every rule, override only what the test is
/// about. Compiled into the domain and the application unit tests alike (linked by each test project);
/// the application tests add their requests and users in a part of their own.
/// </summary>
public static partial class TestData
{
    /// <summary>The time every entity is created at unless a test says otherwise.</summary>
    public static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    public static DateTime Minutes(int minutes) => Now.AddMinutes(minutes);

    public static CatalogDetails Details(
        string? title = "Kind of Blue",
        string? artist = "Miles Davis",
        string? genre = "Jazz",
        string? description = null,
        string? coverImageUrl = null,
        DateOnly? releaseDate = null) =>
        new(title, artist, genre, description, coverImageUrl, releaseDate);

    public static SongDetails SongDetails(
        CatalogDetails? catalog = null,
        string? fileUrl = "https://cdn.example.com/so-what.mp3",
        int? duration = null) =>
        new(catalog ?? Details(title: "So What"), fileUrl, duration);

    /// <summary>An album; <paramref name="id"/> 0 leaves the id to the repository it is seeded into.</summary>
    public static Album Album(
        string title = "Kind of Blue",
        string artist = "Miles Davis",
        string genre = "Jazz",
        DateTime? createdAt = null,
        int id = 0,
        string? description = null,
        string? coverImageUrl = null,
        DateOnly? releaseDate = null)
    {
        var album = Domain.Catalog.Album.Create(
            Details(title, artist, genre, description, coverImageUrl, releaseDate), createdAt ?? Now);
        return id == 0 ? album : WithId(album, id);
    }

    /// <summary>A song; <paramref name="id"/> 0 leaves the id to the repository it is seeded into.</summary>
    public static Song Song(
        string title = "So What",
        string artist = "Miles Davis",
        string genre = "Jazz",
        DateTime? createdAt = null,
        int id = 0,
        int likeCount = 0,
        int? duration = null,
        string fileUrl = "https://cdn.example.com/so-what.mp3",
        string? description = null,
        string? coverImageUrl = null,
        DateOnly? releaseDate = null)
    {
        var song = Domain.Catalog.Song.Create(
            SongDetails(Details(title, artist, genre, description, coverImageUrl, releaseDate), fileUrl, duration),
            createdAt ?? Now);
        // The like count is kept by the store (no domain method changes it), so a test sets it as the store would.
        typeof(Song).GetProperty(nameof(Domain.Catalog.Song.LikeCount))!.SetValue(song, likeCount);
        return id == 0 ? song : WithId(song, id);
    }

    /// <summary>A comment by <paramref name="author"/> on song <paramref name="songId"/>, with its author loaded as a read would.</summary>
    public static Domain.Comments.Comment Comment(int songId, Domain.Users.User author, string body = "Great solo.", DateTime? createdAt = null, int id = 0)
    {
        var comment = Domain.Comments.Comment.Create(songId, author.Id, body, createdAt ?? Now);
        typeof(Domain.Comments.Comment).GetProperty(nameof(Domain.Comments.Comment.Author))!.SetValue(comment, author);
        return id == 0 ? comment : WithId(comment, id);
    }

    /// <summary>Gives an entity the id the store would have assigned.</summary>
    public static T WithId<T>(T entity, int id) where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }

    /// <summary>A string of exactly <paramref name="length"/> characters.</summary>
    public static string Chars(int length, char c = 'a') => new(c, length);

    /// <summary>An absolute https URL of exactly <paramref name="length"/> characters.</summary>
    public static string Url(int length)
    {
        const string prefix = "https://cdn.example.com/";
        return prefix + Chars(length - prefix.Length, 'u');
    }
}
