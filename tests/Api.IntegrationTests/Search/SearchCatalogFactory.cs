using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// The app with a catalog of a few hundred real-looking songs and albums: names with diacritics and punctuation,
/// one-word and multi-word titles, artists with "The", look-alike titles, and filler. Seeded in one save through the
/// app's own context, so the index is written the way every write writes it.
/// </summary>
/// <param name="limits">How search bounds its work; null leaves the app's default.</param>
/// <param name="interceptor">An interceptor added to the app's database context (to see its commands); null for none.</param>
/// <param name="memoryIndex">
/// Whether searches may be served by the in-memory index (<see cref="SearchMemory"/>); off, every search reads the database.
/// </param>
public sealed class SearchCatalogFactory(SearchLimits? limits = null, IInterceptor? interceptor = null, bool memoryIndex = false) : MusicPlayerFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:MemoryIndex", memoryIndex ? "true" : "false");
        if (limits is not null) builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(limits)));
        if (interceptor is not null)
            builder.ConfigureServices(services => services.ConfigureDbContext<MusicPlayerDbContext>((_, options) => options.AddInterceptors(interceptor)));
    }

    /// <summary>(title, artist, likes, album or null).</summary>
    public static readonly (string Title, string Artist, int Likes, string? Album)[] Songs =
    [
        ("Enter Sandman", "Metallica", 50, "Metallica"),
        ("Nothing Else Matters", "Metallica", 45, "Metallica"),
        ("One", "Metallica", 40, "...And Justice for All"),
        ("Master of Puppets", "Metallica", 30, "Master of Puppets"),
        ("Halo", "Beyoncé", 60, "I Am... Sasha Fierce"),
        ("Crazy in Love", "Beyoncé", 55, "Dangerously in Love"),
        ("Single Ladies (Put a Ring on It)", "Beyoncé", 50, "I Am... Sasha Fierce"),
        ("Hoppípolla", "Sigur Rós", 20, "Takk..."),
        ("Svefn-g-englar", "Sigur Rós", 10, "Ágætis byrjun"),
        ("Ace of Spades", "Motörhead", 35, "Ace of Spades"),
        ("Army of Me", "Björk", 15, "Post"),
        ("Jóga", "Björk", 12, "Homogenic"),
        ("Back in Black", "AC/DC", 48, "Back in Black"),
        ("Highway to Hell", "AC/DC", 44, "Highway to Hell"),
        ("Thunderstruck", "AC/DC", 42, "The Razors Edge"),
        ("So What", "P!nk", 25, "Funhouse"),
        ("Just Give Me a Reason", "P!nk", 30, "The Truth About Love"),
        ("Sweet Child o' Mine", "Guns N' Roses", 47, "Appetite for Destruction"),
        ("November Rain", "Guns N' Roses", 33, "Use Your Illusion I"),
        ("Yesterdays", "Guns N' Roses", 5, "Use Your Illusion II"),
        ("Yesterday", "The Beatles", 70, "Help!"),
        ("Let It Be", "The Beatles", 65, "Let It Be"),
        ("Hey Jude", "The Beatles", 60, null),
        ("Help!", "The Beatles", 40, "Help!"),
        ("Come Together", "The Beatles", 38, "Abbey Road"),
        ("Paint It Black", "The Rolling Stones", 38, "Aftermath"),
        ("Bohemian Rhapsody", "Queen", 66, "A Night at the Opera"),
        ("Don't Stop Me Now", "Queen", 52, "Jazz"),
        ("Kickstart My Heart", "Mötley Crüe", 22, "Dr. Feelgood"),
        ("One More Time", "Daft Punk", 30, "Discovery"),
        ("One", "U2", 35, "Achtung Baby"),
        ("Nuvole Bianche", "Ludovico Einaudi", 18, "Una Mattina"),
        ("La Vie en rose", "Édith Piaf", 28, null),
        ("Non, je ne regrette rien", "Édith Piaf", 26, null),
        ("Empire State of Mind", "Jay-Z", 34, "The Blueprint 3"),
        ("My Heart Will Go On", "Céline Dion", 20, "Let's Talk About Love"),
        ("Halo of Flies", "Alice Cooper", 8, "Killer"),
        ("Metal Heart", "Accept", 9, "Metal Heart"),
        ("Sandman", "America", 4, "America"),
        ("Oneness", "Carlos Santana", 3, "Oneness: Silver Dreams, Golden Reality"),
        ("Hello", "Adele", 58, "25"),
        ("Straße der Träume", "Die Ärzte", 6, null),
        ("Smørrebrød", "Kaizers Orchestra", 2, null),
    ];

    private static readonly string[] Adjectives = ["Blue", "Golden", "Silent", "Broken", "Electric", "Midnight", "Wild", "Lonely", "Crimson", "Velvet", "Frozen", "Neon", "Distant", "Sacred", "Paper"];
    private static readonly string[] Nouns = ["River", "Fire", "Dream", "Road", "Shadow", "Ocean", "Garden", "Mirror", "Storm", "Thunder", "Window", "Engine", "Harbor", "Island", "Forest", "Signal", "Radio", "Circus"];
    private static readonly string[] Names = ["Ana Silva", "Ben Novak", "Chloé Dubois", "David Kim", "Elena Rossi", "Finn Larsen", "Grace Chen", "Jonas Müller", "Kira Petrov", "Liam Walsh", "Zoë Costa", "Søren Jensen"];

    /// <summary>Filler songs: adjective-noun titles by a dozen made-up artists, no likes.</summary>
    public static IEnumerable<(string Title, string Artist, int Likes, string? Album)> Filler() =>
        Enumerable.Range(0, 300).Select(i => ($"{Adjectives[i % Adjectives.Length]} {Nouns[i / Adjectives.Length % Nouns.Length]}",
            Names[i % Names.Length], 0, i % 3 == 0 ? $"{Nouns[i % Nouns.Length]} Sessions" : null));

    public async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var albums = new Dictionary<(string, string), Album>();
        var songs = new List<(Song Song, int Likes)>();
        foreach (var (title, artist, likes, albumTitle) in Songs.Concat(Filler()))
        {
            var song = Song.Create(new SongDetails(new CatalogDetails(title, artist, "Rock"), "https://cdn.example.com/a.mp3"), DateTime.UtcNow);
            db.Songs.Add(song);
            songs.Add((song, likes));
            if (albumTitle is null) continue;
            if (!albums.TryGetValue((albumTitle, artist), out var album))
            {
                album = Album.Create(new CatalogDetails(albumTitle, artist, "Rock"), DateTime.UtcNow);
                db.Albums.Add(album);
                albums[(albumTitle, artist)] = album;
            }
            album.SetSong(song, null);
        }
        await db.SaveChangesAsync();
        foreach (var (song, likes) in songs.Where(s => s.Likes > 0))
        {
            var id = song.Id;
            await db.Database.ExecuteSqlAsync($@"UPDATE ""Songs"" SET ""LikeCount"" = {likes} WHERE ""Id"" = {id}");
        }
        // Written as another instance would (no catalog command): the in-memory index is rebuilt from the stored rows.
        if (memoryIndex)
        {
            Services.GetRequiredService<SearchMemory>().Invalidate();
            await WaitForSearchMemoryAsync();
        }
    }

    /// <summary>Waits until the in-memory index is current (searches are then served by it).</summary>
    public async Task WaitForSearchMemoryAsync()
    {
        var memory = Services.GetRequiredService<SearchMemory>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // A search is what starts a rebuild of a stale index.
        while (!memory.IsCurrent)
        {
            waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the in-memory search index is built in the background");
            await this.Anonymous().GetAsync("/api/v1/search?q=a");
            await Task.Delay(20);
        }
    }
}
