namespace MusicPlayer.Bench.Seed;

/// <summary>Word lists the catalog is made of. A few non-ASCII names keep the case-folded columns honest.</summary>
internal static class Words
{
    public static readonly string[] Adjectives =
    [
        "Blue", "Golden", "Silent", "Broken", "Electric", "Midnight", "Wild", "Lonely", "Crimson", "Endless",
        "Hidden", "Burning", "Velvet", "Frozen", "Neon", "Gentle", "Restless", "Hollow", "Bright", "Distant",
        "Sweet", "Bitter", "Faded", "Savage", "Quiet", "Holy", "Little", "Lost", "Secret", "Silver",
        "Dark", "Shining", "Fragile", "Heavy", "Stolen", "Strange", "Young", "Ancient", "Empty", "Sacred",
        "Crystal", "Paper", "Rusty", "Cosmic", "Tender", "Dizzy", "Lucky", "Wicked", "Scarlet", "Northern",
        "Último", "Schöne", "Süße", "Éternel", "Doux",
    ];

    public static readonly string[] Nouns =
    [
        "Heart", "Night", "River", "Fire", "Dream", "Road", "Rain", "Shadow", "Light", "Ocean",
        "Summer", "Winter", "Highway", "Garden", "Mirror", "Storm", "Thunder", "Moon", "Sun", "Star",
        "Angel", "Ghost", "Machine", "City", "Desert", "Mountain", "Window", "Engine", "Echo", "Horizon",
        "Memory", "Kingdom", "Paradise", "Satellite", "Lighthouse", "Diamond", "Wolf", "Raven", "Tiger", "Rose",
        "Letter", "Promise", "Secret", "Fever", "Harbor", "Island", "Forest", "Signal", "Radio", "Circus",
        "Lullaby", "Carnival", "Avenue", "Bridge", "Tide", "Comet", "Orchard", "Wildfire", "Daydream", "Voltage",
        "Corazón", "Noche", "Café", "Straße", "Fjörd", "Sommar", "Été", "Ilha",
    ];

    public static readonly string[] Verbs =
    [
        "Running", "Falling", "Dancing", "Waiting", "Dreaming", "Driving", "Burning", "Flying", "Walking", "Crying",
        "Shining", "Drifting", "Chasing", "Holding", "Breaking", "Calling", "Fading", "Rising", "Sleeping", "Singing",
    ];

    public static readonly string[] Prepositions = ["Through", "Into", "Under", "Across", "Beyond", "Over", "Inside", "Along"];

    public static readonly string[] Places =
    [
        "Wembley", "the Apollo", "Red Rocks", "Budokan", "the Fillmore", "Montreux", "Royal Albert Hall", "Olympia",
        "the Roxy", "Glastonbury", "Paléo", "Roskilde", "Köln",
    ];

    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chloé", "David", "Elena", "Finn", "Grace", "Hiroshi", "Isla", "Jonas",
        "Kira", "Liam", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rafael", "Sofia", "Tomás",
        "Uma", "Victor", "Wen", "Ximena", "Yara", "Zoë", "Björn", "José", "Søren", "Ólafur",
        "Amara", "Lars", "Émile", "Ngozi", "Mateo", "Leila", "Aiko", "Dmitri", "Fatima", "Henrik",
        "Ines", "Kofi", "Lucía", "Marek", "Nadia", "Oscar", "Rosa", "Sven", "Tariq", "Vera",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Müller", "García", "Nakamura", "Kowalski", "Dubois", "Okafor", "Jensen", "Rossi", "Sigurðsson",
        "Núñez", "O'Brien", "Andersson", "Petrov", "Silva", "Chen", "Kim", "Novak", "Haddad", "Larsen",
        "Moreau", "Ferreira", "Schmidt", "Yamamoto", "Brown", "Wilson", "Costa", "Ivanova", "Björklund", "Fischer",
        "Hughes", "Mendes", "Patel", "Quinn", "Romero", "Santos", "Taylor", "Vargas", "Walsh", "Zielińska",
    ];

    /// <summary>Genres with their weights: rock and pop dominate, as in most catalogs.</summary>
    public static readonly (string Name, int Weight)[] Genres =
    [
        ("Rock", 18), ("Pop", 16), ("Hip-Hop", 10), ("Electronic", 9), ("Indie", 6), ("R&B", 6), ("Jazz", 6),
        ("Classical", 5), ("Country", 5), ("Metal", 5), ("Folk", 4), ("Latin", 3), ("Soul", 3), ("Blues", 3),
        ("Reggae", 2), ("Punk", 2), ("Funk", 2), ("K-Pop", 2), ("Ambient", 1), ("Chanson", 1), ("Música Popular", 1),
    ];

    public static readonly string[] DescriptionOpenings =
    [
        "Recorded live in one take", "A slow-burning track", "Written on the road", "The lead single",
        "An acoustic reworking", "A fan favourite", "Produced in a tiny home studio", "The closing number",
        "Originally a B-side", "A collaboration with a string quartet", "Mixed in analogue", "A late-night jam",
    ];

    public static readonly string[] DescriptionEndings =
    [
        "that became an unlikely hit.", "about leaving home.", "with a chorus that sticks for days.",
        "built around a looping bass line.", "featuring a choir of friends.", "with lyrics written in an afternoon.",
        "remastered from the original tapes.", "that closes every concert.", "inspired by a long winter.",
        "with a guitar solo recorded at 3 a.m.",
    ];

    public static readonly string[] TitleSuffixes = [" (Live)", " (Remastered)", " - Radio Edit", " (Acoustic)", " (Demo)", " (Extended Mix)"];

    /// <summary>An ASCII form of a name for email addresses; other characters are dropped.</summary>
    public static string Ascii(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
        {
            var folded = c switch
            {
                >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
                'á' or 'à' or 'ä' or 'â' or 'å' => "a",
                'é' or 'è' or 'ë' or 'ê' => "e",
                'í' or 'ì' or 'ï' => "i",
                'ó' or 'ò' or 'ö' or 'ô' or 'ø' => "o",
                'ú' or 'ù' or 'ü' => "u",
                'ñ' or 'ń' => "n",
                'ç' => "c",
                'ð' => "d",
                'ß' => "ss",
                _ => "",
            };
            builder.Append(folded);
        }
        return builder.ToString();
    }
}
