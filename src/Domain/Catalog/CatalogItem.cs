using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Catalog;

/// <summary>
/// What albums and songs have in common: the descriptive fields, their case-folded search
/// columns and the timestamps. Every change goes through <see cref="SetDetails"/> so the rules
/// and the folded columns can never drift apart.
/// </summary>
public abstract class CatalogItem : Entity
{
    public string Title { get; private set; } = "";
    public string Artist { get; private set; } = "";
    public string Genre { get; private set; } = "";
    public string? Description { get; private set; }
    public string? CoverImageUrl { get; private set; }
    public DateOnly? ReleaseDate { get; private set; }

    public string NormalizedTitle { get; private set; } = "";
    public string NormalizedArtist { get; private set; } = "";
    public string NormalizedGenre { get; private set; } = "";

    /// <summary>The title's search key (<see cref="SearchText.Key"/>): what exact and prefix ranks compare.</summary>
    public string SearchKey { get; private set; } = "";

    /// <summary>The artist's search key: artists are the items with the same key, however each spells the name.</summary>
    public string ArtistKey { get; private set; } = "";

    /// <summary>The artist's index document (<see cref="SearchText.Document"/>): what artist searches match.</summary>
    public string ArtistText { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The stored cover image, when one was uploaded or came embedded in the song's file.</summary>
    public CoverImage? Cover { get; private set; }

    /// <summary>Sets the stored cover; returns the storage key of the cover it replaces (null when none, or the same bytes).</summary>
    public string? SetCover(CoverImage cover, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(cover);
        var replaced = Cover is { } old && old.StorageKey != cover.StorageKey ? old.StorageKey : null;
        Cover = cover;
        UpdatedAt = now;
        return replaced;
    }

    /// <summary>Removes the stored cover; returns its storage key (null when there was none).</summary>
    public string? RemoveCover(DateTime now)
    {
        var removed = Cover?.StorageKey;
        if (removed is null) return null;
        Cover = null;
        UpdatedAt = now;
        return removed;
    }

    /// <summary>Computes the search keys and the artist document from the fields (also for rows stored before they existed).</summary>
    public void RefreshSearchKeys()
    {
        SearchKey = SearchText.Key(Title);
        ArtistKey = SearchText.Key(Artist);
        ArtistText = SearchText.Document(Artist);
    }

    /// <summary>Marks the item as changed now, for changes that are not its descriptive fields.</summary>
    protected void Touch(DateTime now) => UpdatedAt = now;

    /// <summary>Checks every field first and only then changes any, so a rejected change leaves the item as it was.</summary>
    protected void SetDetails(CatalogDetails details, DateTime now)
    {
        var title = Text.Required(details.Title, "title", CatalogRules.TitleMaxLength);
        var artist = Text.Required(details.Artist, "artist", CatalogRules.ArtistMaxLength);
        var genre = Text.Required(details.Genre, "genre", CatalogRules.GenreMaxLength);
        var description = Text.Optional(details.Description, "description", CatalogRules.DescriptionMaxLength);
        var coverImageUrl = Text.OptionalUrl(details.CoverImageUrl, "coverImageUrl", CatalogRules.UrlMaxLength);
        (Title, Artist, Genre, Description, CoverImageUrl, ReleaseDate) =
            (title, artist, genre, description, coverImageUrl, details.ReleaseDate);
        NormalizedTitle = Text.Normalize(Title);
        NormalizedArtist = Text.Normalize(Artist);
        NormalizedGenre = Text.Normalize(Genre);
        RefreshSearchKeys();
        if (CreatedAt == default) CreatedAt = now;
        UpdatedAt = now;
    }
}

/// <summary>The descriptive fields an album or a song is created or updated with.</summary>
public sealed record CatalogDetails(
    string? Title,
    string? Artist,
    string? Genre,
    string? Description = null,
    string? CoverImageUrl = null,
    DateOnly? ReleaseDate = null);
