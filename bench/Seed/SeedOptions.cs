using System.Globalization;

namespace MusicPlayer.Bench.Seed;

/// <summary>The command line: sizes, seed, target file.</summary>
internal sealed record SeedOptions
{
    public const string Usage = """
        Fills a SQLite database with a deterministic benchmark catalog (the app's migrations, then bulk inserts).

        usage: MusicPlayer.Bench.Seed --db PATH [--songs 100000] [--albums 10000] [--users 1000]
                                      [--likes 1000000] [--plays 0] [--heavy-plays 100000]
                                      [--seed 42] [--password bench-password-1] [--force]

          --db PATH      SQLite file to create (refuses an existing file unless --force, which replaces it)
          --songs N      songs (default 100000)
          --albums N     albums (default 10000); about 70% of songs sit on an album, some on two
          --users N      accounts with role "user" (default 1000), plus one admin (admin@example.com)
          --likes N      like rows (default 1000000; at most users x songs), unique per user and song
          --plays N      listening history rows (default 0): user 2 gets --heavy-plays of them over the last
                         365 days, the rest are spread over every user and the last 30 days
          --heavy-plays N  plays of user 2 (default 100000; at most --plays)
          --seed N       random seed (default 42): the same seed and sizes give the same database
          --password P   password of every seeded account (default bench-password-1)
        """;

    public string Database { get; init; } = "";
    public int Songs { get; init; } = 100_000;
    public int Albums { get; init; } = 10_000;
    public int Users { get; init; } = 1_000;
    public long Likes { get; init; } = 1_000_000;
    public long Plays { get; init; }
    public long HeavyPlays { get; init; } = 100_000;
    public int Seed { get; init; } = 42;
    public string Password { get; init; } = "bench-password-1";
    public bool Force { get; init; }

    public static SeedOptions Parse(string[] args)
    {
        var options = new SeedOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            long Long() => long.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v : throw new ArgumentException($"{name} needs a non-negative whole number.");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v : throw new ArgumentException($"{name} needs a non-negative whole number.");
            options = name switch
            {
                "--db" => options with { Database = Value() },
                "--songs" => options with { Songs = Int() },
                "--albums" => options with { Albums = Int() },
                "--users" => options with { Users = Int() },
                "--likes" => options with { Likes = Long() },
                "--plays" => options with { Plays = Long() },
                "--heavy-plays" => options with { HeavyPlays = Long() },
                "--seed" => options with { Seed = Int() },
                "--password" => options with { Password = Value() },
                "--force" => options with { Force = true },
                "-h" or "--help" => throw new HelpRequested(),
                _ => throw new ArgumentException($"Unknown argument '{name}'."),
            };
        }

        if (string.IsNullOrWhiteSpace(options.Database)) throw new ArgumentException("--db PATH is required.");
        if (options.Likes > (long)options.Users * options.Songs)
            throw new ArgumentException($"--likes {options.Likes} is more than users x songs ({(long)options.Users * options.Songs}).");
        return options;
    }
}

internal sealed class HelpRequested : Exception;
