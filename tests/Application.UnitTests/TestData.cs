using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.UnitTests.Fakes;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.TestBuilders;

/// <summary>
/// The application tests' part of <see cref="TestData"/> (the shared part, entities and values, is
/// <c>tests/TestBuilders/TestData.cs</c>): requests, and users whose password hash the fake hasher knows.
/// </summary>
public static partial class TestData
{
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
}
