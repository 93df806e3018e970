using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// Keeps the search index in step with the catalog inside every save, so no write path can forget it and no
/// rebuild is ever needed. Before the rows are written it computes, with <see cref="SearchText.Document"/>, the
/// index document (column <see cref="DocumentColumn"/>) of every album whose title or artist changes and of
/// every song whose title, artist or albums change: a new or edited song, a song put on or taken off an
/// album, every song of a renamed or deleted album. The documents are written by the same save, in the same
/// transaction; the database's own index (FTS5 triggers on SQLite, a trigram GIN index on PostgreSQL) follows
/// them there. New terms join the vocabulary (<see cref="SearchTerm"/>) first.
/// <para>
/// Concurrent writes: the save runs in a transaction that first locks the albums and then the songs whose
/// documents it computes (no-op UPDATEs, in id order, as <c>LikeStore</c> does), and only then reads the album
/// titles and the songs' own fields from the database: a rename and a link of the same album, or an edit
/// and a link of the same song, take turns and each sees the other's result.
/// </para>
/// Registered by <see cref="DatabaseProvider.Configure"/>, so every context the app and its tools configure has it.
/// </summary>
internal sealed class SearchIndexMaintenance : SaveChangesInterceptor
{
    public static readonly SearchIndexMaintenance Instance = new();

    /// <summary>The shadow column of albums and songs that holds their index document.</summary>
    public const string DocumentColumn = "SearchText";

    private static readonly ConditionalWeakTable<DbContext, IDbContextTransaction> OwnTransactions = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MusicPlayerDbContext context) GuardedAsync(context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MusicPlayerDbContext context) await GuardedAsync(context, async: true, cancellationToken);
        return result;
    }

    /// <summary>
    /// A failure here happens before EF starts saving (so neither SaveChangesFailed nor SaveChangesCanceled follows):
    /// the transaction begun for this save ends here. Contexts are pooled, so nothing of one save may reach the next.
    /// </summary>
    private static async Task GuardedAsync(MusicPlayerDbContext context, bool async, CancellationToken cancellationToken)
    {
        RollBack(context);
        try
        {
            await MaintainAsync(context, async, cancellationToken);
        }
        catch
        {
            RollBack(context);
            throw;
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && OwnTransactions.TryGetValue(context, out var transaction))
        {
            OwnTransactions.Remove(context);
            using (transaction) transaction.Commit();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && OwnTransactions.TryGetValue(context, out var transaction))
        {
            OwnTransactions.Remove(context);
            // The client hanging up must not leave a saved change uncommitted.
            await using (transaction) await transaction.CommitAsync(CancellationToken.None);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        RollBack(eventData.Context);
        return Task.CompletedTask;
    }

    private static void RollBack(DbContext? context)
    {
        if (context is null || !OwnTransactions.TryGetValue(context, out var transaction)) return;
        OwnTransactions.Remove(context);
        transaction.Dispose();
    }

    private static async Task MaintainAsync(MusicPlayerDbContext context, bool async, CancellationToken cancellationToken)
    {
        context.ChangeTracker.DetectChanges();
        var entries = context.ChangeTracker.Entries().ToList();

        var albums = entries.Where(e => e.Entity is Album).Select(e => context.Entry((Album)e.Entity)).ToList();
        var songs = entries.Where(e => e.Entity is Song).Select(e => context.Entry((Song)e.Entity)).ToList();
        var links = entries.Where(e => e.Entity is AlbumSong).Select(e => context.Entry((AlbumSong)e.Entity)).ToList();

        var albumsToIndex = albums.Where(e => e.State == EntityState.Added
            || (e.State == EntityState.Modified && (e.Property(a => a.Title).IsModified || e.Property(a => a.Artist).IsModified))).ToList();
        // Albums whose songs' documents change with them: renamed or deleted ones.
        var albumsOfSongs = albums.Where(e => e.State == EntityState.Deleted
            || (e.State == EntityState.Modified && e.Property(a => a.Title).IsModified)).Select(e => e.Entity.Id).ToHashSet();
        var changedLinks = links.Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList();

        var newSongs = songs.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var editedSongs = songs.Where(e => e.State == EntityState.Modified
            && (e.Property(s => s.Title).IsModified || e.Property(s => s.Artist).IsModified)).Select(e => e.Entity.Id).ToHashSet();
        var deletedSongs = songs.Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();

        if (albumsToIndex.Count == 0 && albumsOfSongs.Count == 0 && changedLinks.Count == 0 && newSongs.Count == 0 && editedSongs.Count == 0)
            return;

        var storedSongs = new HashSet<int>(editedSongs);
        foreach (var link in changedLinks)
        {
            if (link.Entity.Song is { } song && context.Entry(song).State == EntityState.Added)
            {
                if (!newSongs.Contains(song)) newSongs.Add(song);
            }
            else
            {
                storedSongs.Add(link.Entity.SongId);
            }
        }

        // Lock, then read: albums first, then songs, each in id order. What is read after a lock is what the
        // writer before us committed. A save that reads nothing else (a new song, an edited album) needs neither.
        var lockedAlbums = changedLinks.Select(l => l.Entity.AlbumId).Where(id => id > 0).Concat(albumsOfSongs)
            .Concat(albumsToIndex.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id)).Distinct().Order().ToList();
        var database = context.Database;
        if ((lockedAlbums.Count > 0 || storedSongs.Count > 0)
            && database.CurrentTransaction is null && !database.CreateExecutionStrategy().RetriesOnFailure)
        {
            var transaction = async ? await database.BeginTransactionAsync(cancellationToken) : database.BeginTransaction();
            OwnTransactions.AddOrUpdate(context, transaction);
        }

        foreach (var id in lockedAlbums)
        {
            var lockAlbum = context.Albums.Where(a => a.Id == id);
            if (async) await lockAlbum.ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, a => a.Title), cancellationToken);
            else lockAlbum.ExecuteUpdate(s => s.SetProperty(a => a.Title, a => a.Title));
        }

        if (albumsOfSongs.Count > 0)
        {
            var ids = albumsOfSongs.ToList();
            var query = context.AlbumSongs.AsNoTracking().Where(l => ids.Contains(l.AlbumId)).Select(l => l.SongId);
            storedSongs.UnionWith(async ? await query.ToListAsync(cancellationToken) : query.ToList());
        }
        storedSongs.ExceptWith(deletedSongs);

        var stored = storedSongs.Order().ToList();
        foreach (var id in stored)
        {
            var lockSong = context.Songs.Where(s => s.Id == id);
            if (async) await lockSong.ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, x => x.Title), cancellationToken);
            else lockSong.ExecuteUpdate(s => s.SetProperty(x => x.Title, x => x.Title));
        }

        var documents = new List<(EntityEntry Entry, string Document)>();
        foreach (var album in albumsToIndex)
            documents.Add((album, SearchText.Document(album.Entity.Title, album.Entity.Artist)));

        if (stored.Count > 0 || newSongs.Count > 0)
        {
            var albumTitles = await StoredAlbumTitlesAsync(context, stored, async, cancellationToken);
            var songFields = await StoredSongFieldsAsync(context, stored, async, cancellationToken);

            // An album this save adds or renames has the title it writes; any other the title stored now (read after its lock).
            var written = albums.Where(a => a.State == EntityState.Added || (a.State == EntityState.Modified && a.Property(x => x.Title).IsModified))
                .ToDictionary(a => a.Entity, a => a.Entity.Title);
            var linkedIds = changedLinks.Where(l => l.State == EntityState.Added && !written.ContainsKey(l.Entity.Album)).Select(l => l.Entity.AlbumId).ToList();
            var storedTitles = await StoredTitlesAsync(context, linkedIds, async, cancellationToken);
            string TitleOf(Album album, string stored) => written.TryGetValue(album, out var title) ? title
                : storedTitles.TryGetValue(album.Id, out var fresh) ? fresh : stored;

            foreach (var id in stored)
            {
                if (!songFields.TryGetValue(id, out var fields)) continue; // deleted meanwhile: nothing to index
                var tracked = songs.FirstOrDefault(e => e.Entity.Id == id && e.State != EntityState.Added);
                var titles = albumTitles.Where(t => t.SongId == id)
                    .Where(t => !albums.Any(a => a.Entity.Id == t.AlbumId && a.State == EntityState.Deleted))
                    .Where(t => !changedLinks.Any(l => l.State == EntityState.Deleted && l.Entity.SongId == id && l.Entity.AlbumId == t.AlbumId))
                    .Select(t => albums.FirstOrDefault(a => a.Entity.Id == t.AlbumId) is { } album ? TitleOf(album.Entity, t.Title) : t.Title)
                    .Concat(changedLinks.Where(l => l.State == EntityState.Added && l.Entity.SongId == id).Select(l => TitleOf(l.Entity.Album, l.Entity.Album.Title)));
                var (title, artist) = tracked is { State: EntityState.Modified } edited ? (edited.Entity.Title, edited.Entity.Artist) : fields;
                var document = SearchText.Document([title, artist, .. titles]);
                documents.Add((tracked ?? context.Entry(await LoadAsync(context, id, async, cancellationToken)), document));
            }

            foreach (var song in newSongs)
            {
                var titles = changedLinks.Where(l => l.State == EntityState.Added && ReferenceEquals(l.Entity.Song, song))
                    .Select(l => TitleOf(l.Entity.Album, l.Entity.Album.Title));
                documents.Add((context.Entry(song), SearchText.Document([song.Title, song.Artist, .. titles])));
            }
        }

        await SearchVocabulary.AddAsync(context, documents.Select(d => d.Document), async, cancellationToken);
        foreach (var (entry, document) in documents)
        {
            var property = entry.Property(DocumentColumn);
            if (!Equals(property.CurrentValue, document)) property.CurrentValue = document;
        }
    }

    private static async Task<Song> LoadAsync(MusicPlayerDbContext context, int id, bool async, CancellationToken cancellationToken)
    {
        var query = context.Songs.Where(s => s.Id == id);
        return async ? await query.SingleAsync(cancellationToken) : query.Single();
    }

    private static async Task<List<(int SongId, int AlbumId, string Title)>> StoredAlbumTitlesAsync(MusicPlayerDbContext context, List<int> songs,
        bool async, CancellationToken cancellationToken)
    {
        if (songs.Count == 0) return [];
        var query = context.AlbumSongs.AsNoTracking().Where(l => songs.Contains(l.SongId))
            .Select(l => new { l.SongId, l.AlbumId, l.Album.Title });
        var rows = async ? await query.ToListAsync(cancellationToken) : query.ToList();
        return rows.ConvertAll(r => (r.SongId, r.AlbumId, r.Title));
    }

    private static async Task<Dictionary<int, string>> StoredTitlesAsync(MusicPlayerDbContext context, List<int> albums, bool async,
        CancellationToken cancellationToken)
    {
        if (albums.Count == 0) return [];
        var query = context.Albums.AsNoTracking().Where(a => albums.Contains(a.Id)).Select(a => new { a.Id, a.Title });
        var rows = async ? await query.ToListAsync(cancellationToken) : query.ToList();
        return rows.ToDictionary(r => r.Id, r => r.Title);
    }

    private static async Task<Dictionary<int, (string Title, string Artist)>> StoredSongFieldsAsync(MusicPlayerDbContext context, List<int> songs,
        bool async, CancellationToken cancellationToken)
    {
        if (songs.Count == 0) return [];
        var query = context.Songs.AsNoTracking().Where(s => songs.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.Artist });
        var rows = async ? await query.ToListAsync(cancellationToken) : query.ToList();
        return rows.ToDictionary(r => r.Id, r => (r.Title, r.Artist));
    }
}
