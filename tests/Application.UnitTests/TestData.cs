using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests;

/// <summary>Requests and entities in one line: valid defaults, override only what the test is about.</summary>
public static class TestData
{
    /// <summary>The time every entity is created at unless a test says otherwise.</summary>
    public static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    public static AlbumInput AlbumInput(
        string? title = "Kind of Blue",
        string? artist = "Miles Davis",
        string? genre = "Jazz",
        string? description = null,
        string? coverImageUrl = null,
        DateOnly? releaseDate = null) =>
        new(title, artist, genre, description, coverImageUrl, releaseDate);

    public static SongInput SongInput(
        string? title = "So What",
        string? artist = "Miles Davis",
        string? genre = "Jazz",
        string? fileUrl = "https://cdn.example.com/so-what.mp3",
        int? duration = null,
        string? description = null,
        string? coverImageUrl = null,
        DateOnly? releaseDate = null) =>
        new(title, artist, genre, fileUrl, duration, description, coverImageUrl, releaseDate);

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
            new CatalogDetails(title, artist, genre, description, coverImageUrl, releaseDate), createdAt ?? Now);
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
            new SongDetails(new CatalogDetails(title, artist, genre, description, coverImageUrl, releaseDate), fileUrl, duration),
            createdAt ?? Now);
        // The like count is kept by the store (no domain method changes it), so a test sets it as the store would.
        typeof(Song).GetProperty(nameof(Domain.Catalog.Song.LikeCount))!.SetValue(song, likeCount);
        return id == 0 ? song : WithId(song, id);
    }

    /// <summary>A password that meets the account rules; every <see cref="User"/> has it unless told otherwise.</summary>
    public const string Password = "correct-horse-42";

    /// <summary>
    /// A user whose password hash is the <see cref="FakePasswordHasher"/>'s hash of <paramref name="password"/>
    /// (or exactly <paramref name="passwordHash"/>); <paramref name="id"/> 0 leaves the id to the repository.
    /// </summary>
    public static User User(
        string username = "alice",
        string email = "alice@example.com",
        string firstName = "Alice",
        string? lastName = "Liddell",
        string role = Roles.User,
        string password = Password,
        string? passwordHash = null,
        DateTime? createdAt = null,
        int id = 0)
    {
        var user = Domain.Users.User.Create(username, email, firstName, lastName, role,
            passwordHash ?? FakePasswordHasher.HashOf(password), createdAt ?? Now);
        return id == 0 ? user : WithId(user, id);
    }

    /// <summary>An admin; same defaults as <see cref="User"/> under another name.</summary>
    public static User Admin(string username = "root", string email = "root@example.com", int id = 0) =>
        User(username: username, email: email, firstName: "Root", lastName: null, role: Roles.Admin, id: id);

    public static Register.Command Register(
        string? username = "alice",
        string? email = "alice@example.com",
        string? password = Password,
        string? firstName = "Alice",
        string? lastName = null) =>
        new(username, email, password, firstName, lastName);

    public static UpdateUser.UserInput UserInput(
        string? username = "alice",
        string? email = "alice@example.com",
        string? firstName = "Alice",
        string? lastName = null) =>
        new(username, email, firstName, lastName);

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

    public static DateTime Minutes(int minutes) => Now.AddMinutes(minutes);
}

/// <summary>Ids of what a handler returned or a repository holds, for order assertions.</summary>
internal static class IdExtensions
{
    public static int[] Ids(this IEnumerable<AlbumDto> items) => items.Select(i => i.Id).ToArray();

    public static int[] Ids(this IEnumerable<SongDto> items) => items.Select(i => i.Id).ToArray();

    public static int[] Ids(this IEnumerable<UserDto> items) => items.Select(i => i.Id).ToArray();
}
