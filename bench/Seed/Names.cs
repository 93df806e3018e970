namespace MusicPlayer.Bench.Seed;

/// <summary>Titles, artist names and descriptions made from <see cref="Words"/>.</summary>
internal static class Names
{
    private static string Pick(Random r, string[] words) => words[r.Next(words.Length)];

    public static string Artist(Random r) => r.Next(20) switch
    {
        < 9 => $"{Pick(r, Words.FirstNames)} {Pick(r, Words.LastNames)}",
        < 14 => $"The {Pick(r, Words.Adjectives)} {Pick(r, Words.Nouns)}s",
        < 17 => $"{Pick(r, Words.Nouns)} {Pick(r, Words.Nouns)}",
        < 19 => Pick(r, Words.Nouns),
        _ => $"{Pick(r, Words.FirstNames)} & the {Pick(r, Words.Nouns)}s",
    };

    public static string SongTitle(Random r)
    {
        var title = r.Next(10) switch
        {
            < 3 => $"{Pick(r, Words.Adjectives)} {Pick(r, Words.Nouns)}",
            < 5 => Pick(r, Words.Nouns),
            5 => $"{Pick(r, Words.Verbs)} {Pick(r, Words.Prepositions)} the {Pick(r, Words.Nouns)}",
            6 => $"{Pick(r, Words.Nouns)} of the {Pick(r, Words.Nouns)}",
            7 => $"Song for {Pick(r, Words.FirstNames)}",
            8 => Pick(r, Words.Verbs),
            _ => $"{Pick(r, Words.Adjectives)} {Pick(r, Words.Nouns)} {Pick(r, Words.Nouns)}",
        };
        return r.NextDouble() < 0.08 ? title + Pick(r, Words.TitleSuffixes) : title;
    }

    public static string AlbumTitle(Random r) => r.Next(20) switch
    {
        < 8 => $"{Pick(r, Words.Adjectives)} {Pick(r, Words.Nouns)}",
        < 12 => Pick(r, Words.Nouns),
        12 => $"Live at {Pick(r, Words.Places)}",
        13 => "Greatest Hits",
        14 => $"Songs from the {Pick(r, Words.Nouns)}",
        15 => $"Vol. {r.Next(1, 6)}",
        16 => $"{Pick(r, Words.Nouns)} & {Pick(r, Words.Nouns)}",
        _ => $"The {Pick(r, Words.Adjectives)} {Pick(r, Words.Nouns)} Sessions",
    };

    public static string Description(Random r) =>
        $"{Pick(r, Words.DescriptionOpenings)} {Pick(r, Words.DescriptionEndings)}";
}
