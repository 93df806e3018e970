namespace MusicPlayer.Bench.Seed;

/// <summary>
/// The shape of the catalog, decided before any row is written: who made which album and song,
/// when each was added, which songs sit on which album at which track, who likes what and when.
/// Only numbers live here (text is generated while writing), so even a million songs stay small.
/// Every decision comes from a <see cref="Random"/> seeded from the one seed, in a fixed order.
/// </summary>
internal sealed class CatalogPlan
{
    /// <summary>"Now" of the seeded catalog: fixed, so the same seed always gives the same timestamps.</summary>
    public static readonly DateTime Reference = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime CatalogStart = Reference.AddYears(-3);
    private static readonly DateTime UsersStart = Reference.AddYears(-2);

    public required string[] ArtistNames { get; init; }
    public required int[] ArtistGenre { get; init; }

    // Albums, index = id - 1.
    public required int[] AlbumArtist { get; init; }
    public required int[] AlbumGenre { get; init; }
    public required long[] AlbumCreated { get; init; }
    public required DateOnly?[] AlbumRelease { get; init; }
    public required bool[] AlbumHasCover { get; init; }

    // Songs, index = id - 1. SongAlbum 0 = a single.
    public required int[] SongAlbum { get; init; }
    public required int[] SongArtist { get; init; }
    public required int[] SongGenre { get; init; }
    public required long[] SongCreated { get; init; }

    /// <summary>Album-song links sorted by (album, song): key = album &lt;&lt; 32 | song; track 0 = unnumbered.</summary>
    public required long[] LinkKeys { get; init; }
    public required int[] LinkTracks { get; init; }

    /// <summary>Regular users, index = id - 2 (id 1 is the admin).</summary>
    public required long[] UserCreated { get; init; }
    public required long AdminCreated { get; init; }

    /// <summary>Likes of regular user i are LikeSongs[LikeOffsets[i]..LikeOffsets[i+1]], song ids ascending.</summary>
    public required int[] LikeOffsets { get; init; }
    public required int[] LikeSongs { get; init; }
    public required long[] LikeTicks { get; init; }

    /// <summary>Likes per song, index = id - 1: the LikeCount column.</summary>
    public required int[] LikeCounts { get; init; }

    public static CatalogPlan Create(SeedOptions o)
    {
        var rng = new Random(o.Seed);
        var genreTable = Words.Genres.SelectMany((g, i) => Enumerable.Repeat(i, g.Weight)).ToArray();
        int WeightedGenre() => genreTable[rng.Next(genreTable.Length)];

        // Artists: about one per 20 songs, each with a home genre; popularity is skewed (few big names).
        var artistCount = Math.Max(8, Math.Max(o.Songs / 20, o.Albums / 2));
        var artistNames = new string[artistCount];
        var artistGenre = new int[artistCount];
        for (var i = 0; i < artistCount; i++)
        {
            artistNames[i] = Names.Artist(rng);
            artistGenre[i] = WeightedGenre();
        }
        int PickArtist() => (int)(artistCount * Math.Pow(rng.NextDouble(), 2.0));

        // Track counts: 4..12 per album, capped so that about a quarter of the songs stay singles.
        var trackCounts = new int[o.Albums];
        long totalTracks = 0;
        for (var i = 0; i < o.Albums; i++) totalTracks += trackCounts[i] = rng.Next(4, 13);
        var maxTracks = (long)(o.Songs * 0.75);
        if (totalTracks > maxTracks)
        {
            var planned = totalTracks;
            totalTracks = 0;
            for (var i = 0; i < o.Albums; i++) totalTracks += trackCounts[i] = (int)(trackCounts[i] * maxTracks / planned);
        }
        var singles = (int)(o.Songs - totalTracks);

        // Releases over three years, albums and singles shuffled together: ids grow with time.
        var events = new int[o.Albums + singles];
        for (var i = 0; i < events.Length; i++) events[i] = i < o.Albums ? i : -1;
        rng.Shuffle(events);

        var albumArtist = new int[o.Albums];
        var albumGenre = new int[o.Albums];
        var albumCreated = new long[o.Albums];
        var albumRelease = new DateOnly?[o.Albums];
        var albumHasCover = new bool[o.Albums];
        var songAlbum = new int[o.Songs];
        var songArtist = new int[o.Songs];
        var songGenre = new int[o.Songs];
        var songCreated = new long[o.Songs];
        var links = new List<(long Key, int Track)>((int)totalTracks + o.Songs / 50);

        var span = (Reference.AddDays(-1) - CatalogStart).Ticks;
        int nextAlbum = 0, nextSong = 0;
        for (var e = 0; e < events.Length; e++)
        {
            var at = CatalogStart.Ticks + (long)(span * ((e + 0.5 * rng.NextDouble()) / events.Length));
            if (events[e] >= 0)
            {
                var album = nextAlbum++;
                var artist = PickArtist();
                albumArtist[album] = artist;
                albumGenre[album] = rng.NextDouble() < 0.9 ? artistGenre[artist] : WeightedGenre();
                albumCreated[album] = at;
                albumRelease[album] = rng.NextDouble() < 0.85 ? ReleaseDate(rng) : null;
                albumHasCover[album] = rng.NextDouble() < 0.85;
                for (var track = 1; track <= trackCounts[events[e]] && nextSong < o.Songs; track++)
                {
                    var song = nextSong++;
                    songAlbum[song] = album + 1;
                    songArtist[song] = rng.NextDouble() < 0.95 ? artist : PickArtist();
                    songGenre[song] = albumGenre[album];
                    songCreated[song] = at + TimeSpan.TicksPerSecond * track;
                    links.Add(((long)(album + 1) << 32 | (uint)(song + 1), rng.NextDouble() < 0.03 ? 0 : track));
                }
            }
            else if (nextSong < o.Songs)
            {
                var song = nextSong++;
                var artist = PickArtist();
                songArtist[song] = artist;
                songGenre[song] = rng.NextDouble() < 0.85 ? artistGenre[artist] : WeightedGenre();
                songCreated[song] = at;
            }
        }

        // Some songs also appear on a second album as an unnumbered bonus track.
        if (o.Albums > 1)
        {
            var taken = new HashSet<long>(links.Select(l => l.Key));
            for (var song = 0; song < o.Songs; song++)
            {
                if (rng.NextDouble() >= 0.02) continue;
                var album = rng.Next(o.Albums) + 1;
                var key = (long)album << 32 | (uint)(song + 1);
                if (album != songAlbum[song] && taken.Add(key)) links.Add((key, 0));
            }
        }
        links.Sort((a, b) => a.Key.CompareTo(b.Key));

        // Users joined over the last two years; the admin before them all.
        var userCreated = new long[o.Users];
        var userSpan = (Reference.AddDays(-1) - UsersStart).Ticks;
        for (var i = 0; i < o.Users; i++)
            userCreated[i] = UsersStart.Ticks + (long)(userSpan * ((i + 0.5 * rng.NextDouble()) / o.Users));

        var (offsets, likeSongs, likeTicks, counts) = PlanLikes(o, rng, userCreated, songCreated);

        return new CatalogPlan
        {
            ArtistNames = artistNames, ArtistGenre = artistGenre,
            AlbumArtist = albumArtist, AlbumGenre = albumGenre, AlbumCreated = albumCreated,
            AlbumRelease = albumRelease, AlbumHasCover = albumHasCover,
            SongAlbum = songAlbum, SongArtist = songArtist, SongGenre = songGenre, SongCreated = songCreated,
            LinkKeys = links.Select(l => l.Key).ToArray(), LinkTracks = links.Select(l => l.Track).ToArray(),
            UserCreated = userCreated, AdminCreated = CatalogStart.AddDays(-30).Ticks,
            LikeOffsets = offsets, LikeSongs = likeSongs, LikeTicks = likeTicks, LikeCounts = counts,
        };
    }

    /// <summary>
    /// Likes: how many each user gives is log-normal (a few heavy likers), which songs follows a
    /// skewed popularity over a random order of the songs, and each like falls between the later of
    /// the user's and the song's creation and the reference time.
    /// </summary>
    private static (int[] Offsets, int[] Songs, long[] Ticks, int[] Counts) PlanLikes(
        SeedOptions o, Random rng, long[] userCreated, long[] songCreated)
    {
        var total = checked((int)o.Likes);
        var perUser = new int[o.Users];
        if (o.Users > 0 && total > 0)
        {
            var weights = new double[o.Users];
            for (var i = 0; i < o.Users; i++) weights[i] = Math.Exp(Gaussian(rng));
            var sum = weights.Sum();
            long assigned = 0;
            for (var i = 0; i < o.Users; i++) assigned += perUser[i] = (int)Math.Min(o.Songs, Math.Floor(total * weights[i] / sum));
            for (var i = 0; assigned < total; i = (i + 1) % o.Users)
                if (perUser[i] < o.Songs) { perUser[i]++; assigned++; }
        }

        var popularity = Enumerable.Range(1, o.Songs).ToArray();
        rng.Shuffle(popularity);

        var offsets = new int[o.Users + 1];
        var likeSongs = new int[total];
        var likeTicks = new long[total];
        var counts = new int[o.Songs];
        var chosen = new HashSet<int>();
        int[]? all = null;
        var end = Reference.Ticks;
        var at = 0;
        for (var u = 0; u < o.Users; u++)
        {
            offsets[u] = at;
            var want = perUser[u];
            chosen.Clear();
            if (want * 3L > o.Songs)
            {
                // A heavy liker of a small catalog: a uniform sample by partial shuffle.
                all ??= new int[o.Songs];
                for (var i = 0; i < o.Songs; i++) all[i] = i + 1;
                for (var i = 0; i < want; i++)
                {
                    var j = rng.Next(i, o.Songs);
                    (all[i], all[j]) = (all[j], all[i]);
                    chosen.Add(all[i]);
                }
            }
            else
            {
                for (var tries = 0; chosen.Count < want; tries++)
                {
                    var rank = tries < want * 20
                        ? (int)(o.Songs * Math.Pow(rng.NextDouble(), 2.5))
                        : rng.Next(o.Songs);
                    chosen.Add(popularity[rank]);
                }
            }

            var songs = chosen.ToArray();
            Array.Sort(songs);
            foreach (var song in songs)
            {
                var from = Math.Max(userCreated[u], songCreated[song - 1]);
                likeSongs[at] = song;
                likeTicks[at] = from + (long)((end - from) * rng.NextDouble());
                counts[song - 1]++;
                at++;
            }
        }
        offsets[o.Users] = at;
        return (offsets, likeSongs, likeTicks, counts);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());

    internal static DateOnly ReleaseDate(Random rng)
    {
        // Mostly recent music, with a long tail back to 1960.
        var yearsBack = (int)(66 * Math.Pow(rng.NextDouble(), 2.0));
        return new DateOnly(2026 - yearsBack - 1, 1, 1).AddDays(rng.Next(365));
    }
}
