using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests;

/// <summary>Valid entities in one line; override only what the test is about.</summary>
internal static class Build
{
    public static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

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

    public static Album Album(int id = 1, string title = "Kind of Blue") =>
        WithId(Domain.Catalog.Album.Create(Details(title: title), Now), id);

    public static Song Song(int id = 1, string title = "So What") =>
        WithId(Domain.Catalog.Song.Create(SongDetails(Details(title: title)), Now), id);

    /// <summary>The id the store would have assigned (songs on an album are told apart by id).</summary>
    public static T WithId<T>(T entity, int id) where T : Entity
    {
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
        return entity;
    }

    public static string Chars(int length) => new('a', length);

    public static string Url(int length)
    {
        const string prefix = "https://cdn.example.com/";
        return prefix + new string('u', length - prefix.Length);
    }
}
