namespace MusicPlayer.Tests.Shared;

/// <summary>
/// Every smart playlist rule operator with what it selects from the three songs both test catalogs hold (the
/// in-memory one of the application tests, the HTTP tests' one in the database), so the compiled rules are
/// checked against LINQ to objects and against SQLite and PostgreSQL with the very same expectations:
/// <list type="bullet">
/// <item>A: "Alpha Song" by "Über Band", 100 s, released 1999, on "Blue Album", liked by the owner and one other user;</item>
/// <item>B: "beta tune" by "Other Artist", 200 s, released 2005, on "Blue Album", liked by the other user;</item>
/// <item>C: "Gamma" by "über band", no duration, no release date, on no album, added ten days ago.</item>
/// </list>
/// All three are of one genre, which every case also requires (<c>genre is</c>), so other songs never match.
/// </summary>
public static class SmartRuleCases
{
    public static TheoryData<string, string, string, string> EveryOperator => new()
    {
        { "title", "is", "\"alpha SONG\"", "A" },
        { "title", "isNot", "\"ALPHA song\"", "BC" },
        { "title", "contains", "\"TA\"", "B" },
        { "title", "notContains", "\"song\"", "BC" },
        { "title", "startsWith", "\"gam\"", "C" },
        { "artist", "is", "\"ÜBER band\"", "AC" },
        { "artist", "isNot", "\"über BAND\"", "B" },
        { "artist", "contains", "\"bEr\"", "AC" },
        { "artist", "notContains", "\"ber\"", "B" },
        { "artist", "startsWith", "\"OTH\"", "B" },
        { "album", "is", "\"blue album\"", "AB" },
        { "album", "isNot", "\"Blue Album\"", "C" },
        { "album", "contains", "\"LUE\"", "AB" },
        { "album", "notContains", "\"blue\"", "C" },
        { "album", "startsWith", "\"blu\"", "AB" },
        { "genre", "isNot", "\"{genre}\"", "" },
        { "genre", "contains", "\"{genre-tail}\"", "ABC" },
        { "genre", "notContains", "\"{genre-tail}\"", "" },
        { "genre", "startsWith", "\"{genre-head}\"", "ABC" },
        { "releaseYear", "is", "1999", "A" },
        { "releaseYear", "gt", "1999", "B" },
        { "releaseYear", "lt", "2005", "A" },
        { "releaseYear", "between", "[1999, 2005]", "AB" },
        { "duration", "is", "100", "A" },
        { "duration", "gt", "100", "B" },
        { "duration", "lt", "200", "A" },
        { "duration", "between", "[100, 200]", "AB" },
        { "likeCount", "is", "2", "A" },
        { "likeCount", "gt", "0", "AB" },
        { "likeCount", "lt", "1", "C" },
        { "likeCount", "between", "[1, 1]", "B" },
        // Nobody played these songs: every one has zero plays and was never played by the owner (PlayConditionTests has plays).
        { "playCount", "is", "0", "ABC" },
        { "playCount", "gt", "0", "" },
        { "playCount", "lt", "1", "ABC" },
        { "playCount", "between", "[1, 5]", "" },
        { "addedAt", "inLastDays", "5", "AB" },
        { "addedAt", "notInLastDays", "5", "C" },
        { "addedAt", "before", "\"{5 days ago}\"", "C" },
        { "addedAt", "after", "\"{5 days ago}\"", "AB" },
        { "lastPlayedAt", "inLastDays", "30", "" },
        { "lastPlayedAt", "notInLastDays", "30", "ABC" },
        { "lastPlayedAt", "before", "\"2100-01-01\"", "" },
        { "lastPlayedAt", "after", "\"2000-01-01T00:00:00Z\"", "" },
        // The ends of the ranges a value may take.
        { "releaseYear", "gt", "9999", "" },
        { "releaseYear", "between", "[1, 9999]", "AB" },
        { "addedAt", "after", "\"9999-12-31\"", "" },
        { "addedAt", "before", "\"0001-01-01\"", "" },
        { "addedAt", "inLastDays", "36500", "ABC" },
        { "lastPlayedAt", "before", "\"1970-01-01T00:00:00Z\"", "" },
        { "likedByOwner", "is", "true", "A" },
        { "likedByOwner", "is", "false", "BC" },
    };

    /// <summary>A case's value with its placeholders filled in for a catalog of <paramref name="genre"/> read at <paramref name="now"/>.</summary>
    public static string Value(string value, string genre, DateTime now) =>
        value.Replace("{genre-tail}", genre[^6..], StringComparison.Ordinal)
            .Replace("{genre-head}", genre[..4].ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{genre}", genre.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{5 days ago}", now.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The total duration of the songs named by letters.</summary>
    public static long Duration(string letters) => letters.Sum(l => l switch { 'A' => 100, 'B' => 200, _ => 0 });
}
