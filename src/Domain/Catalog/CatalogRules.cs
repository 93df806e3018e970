namespace MusicPlayer.Domain.Catalog;

/// <summary>Field limits shared by albums and songs (from the original schema).</summary>
public static class CatalogRules
{
    public const int TitleMaxLength = 100;
    public const int ArtistMaxLength = 100;
    public const int GenreMaxLength = 50;
    public const int DescriptionMaxLength = 500;
    public const int UrlMaxLength = 255;
    public const int MinDurationSeconds = 1;
    public const int MaxDurationSeconds = 86_400;

    /// <summary>
    /// Room for a search key of a title or an artist: folding may spell one character as several (ß→ss, a
    /// Hangul syllable as its letters), at most three.
    /// </summary>
    public const int SearchKeyMaxLength = 3 * TitleMaxLength;
}
