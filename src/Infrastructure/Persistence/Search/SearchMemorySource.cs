using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Search.Memory;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// Reads what the in-memory search index holds, each call in a scope of its own: songs and albums as lists show them
/// (the lists' own projection) with their keys and documents as stored.
/// </summary>
internal sealed class SearchMemorySource(IServiceScopeFactory scopes) : ISearchMemorySource
{
    public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadRowsAsync(null, null, cancellationToken);

    public Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadAsync(IReadOnlyCollection<int> songIds,
        IReadOnlyCollection<int> albumIds, CancellationToken cancellationToken) =>
        ReadRowsAsync(songIds, albumIds, cancellationToken);

    private async Task<(IReadOnlyList<SongRow> Songs, IReadOnlyList<AlbumRow> Albums)> ReadRowsAsync(IReadOnlyCollection<int>? songIds,
        IReadOnlyCollection<int>? albumIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var songs = songIds is { Count: 0 } ? [] : await ReadItemsAsync(context.Songs, songIds, Mappings.Projection<Song, SongDto>(),
            (dto, index) => new SongRow(dto, index.Key, index.ArtistKey, index.ArtistText, index.Document), cancellationToken);
        var albums = albumIds is { Count: 0 } ? [] : await ReadItemsAsync(context.Albums, albumIds, Mappings.Projection<Album, AlbumDto>(),
            (dto, index) => new AlbumRow(dto, index.Key, index.ArtistKey, index.ArtistText, index.Document), cancellationToken);
        return (songs, albums);
    }

    /// <summary>The items (all of them, or those of <paramref name="ids"/>): each item's DTO and its index fields, in one query.</summary>
    private static async Task<List<TRow>> ReadItemsAsync<T, TDto, TRow>(IQueryable<T> items, IReadOnlyCollection<int>? ids,
        Expression<Func<T, TDto>> projection, Func<TDto, Indexed<TDto>, TRow> row, CancellationToken cancellationToken)
        where T : CatalogItem where TDto : class
    {
        items = items.AsNoTracking();
        if (ids is not null)
        {
            var list = ids.ToList();
            items = items.Where(x => list.Contains(x.Id));
        }
        var indexed = await items.Select(WithIndexFields(projection)).ToListAsync(cancellationToken);
        return indexed.ConvertAll(i => row(i.Dto, i));
    }

    /// <summary>The lists' projection of an item, and beside it the item's keys and documents.</summary>
    private static Expression<Func<T, Indexed<TDto>>> WithIndexFields<T, TDto>(Expression<Func<T, TDto>> projection) where T : CatalogItem
    {
        var item = projection.Parameters[0];
        Expression Field(string name) => Expression.Property(item, name);
        var type = typeof(Indexed<TDto>);
        return Expression.Lambda<Func<T, Indexed<TDto>>>(Expression.MemberInit(Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(Indexed<TDto>.Dto))!, projection.Body),
            Expression.Bind(type.GetProperty(nameof(Indexed<TDto>.Key))!, Field(nameof(CatalogItem.SearchKey))),
            Expression.Bind(type.GetProperty(nameof(Indexed<TDto>.ArtistKey))!, Field(nameof(CatalogItem.ArtistKey))),
            Expression.Bind(type.GetProperty(nameof(Indexed<TDto>.ArtistText))!, Field(nameof(CatalogItem.ArtistText))),
            Expression.Bind(type.GetProperty(nameof(Indexed<TDto>.Document))!, Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)],
                item, Expression.Constant(SearchIndexMaintenance.DocumentColumn)))), item);
    }

    public async Task<IReadOnlyList<SongCounts>> ReadCountsAsync(IReadOnlyCollection<int>? songIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var songs = context.Songs.AsNoTracking();
        if (songIds is not null)
        {
            // One array parameter (json_each, unnest, OPENJSON), not one parameter per id: up to MaxMovedSongs of them.
            var ids = songIds.ToList();
            songs = songs.Where(s => EF.Parameter(ids).Contains(s.Id));
        }
        return await songs.Select(s => new SongCounts(s.Id, s.LikeCount, s.PlayCount)).ToListAsync(cancellationToken);
    }

    /// <summary>An item as read for the index.</summary>
    private sealed class Indexed<TDto>
    {
        public TDto Dto { get; init; } = default!;
        public string Key { get; init; } = "";
        public string ArtistKey { get; init; } = "";
        public string ArtistText { get; init; } = "";
        public string Document { get; init; } = "";
    }
}

/// <summary>
/// Reports what each save changes of songs and albums to the in-memory search index: to the catalog command running
/// (<see cref="SearchMemoryChanges"/>), which brings the index up to date once it ends; a save outside any command makes
/// the index stale (rebuilt in the background). Added after <see cref="SearchIndexMaintenance"/>, so the songs whose
/// documents a save rewrites (those of a renamed album) are among the changes. Like and play counters alone are not
/// reported: the index reads them on its own, within a second.
/// </summary>
internal sealed class SearchMemoryTracker(SearchMemory memory) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Counters = [nameof(Song.LikeCount), nameof(Song.PlayCount)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Report(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Report(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    // A save outside any command is reported stale again once written, so that a rebuild begun while it was being written
    // (which may have read the rows before it) is not taken for current.
    private void Saved(DbContext? context)
    {
        if (context is not null && Unreported.TryGetValue(context, out _))
        {
            Unreported.Remove(context);
            memory.Invalidate();
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Unreported = new();

    private void Report(DbContext? context)
    {
        if (context is null || !memory.Enabled) return;
        context.ChangeTracker.DetectChanges();
        var changes = SearchMemoryChanges.Current;
        var any = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            switch (entry.Entity)
            {
                case Song song when entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && !Counters.Contains(p.Metadata.Name)):
                    changes?.Add(song);
                    any = true;
                    break;
                case Album album:
                    changes?.Add(album);
                    any = true;
                    break;
                case AlbumSong link:
                    changes?.Add(link);
                    any = true;
                    break;
                case var owned when entry.Metadata.IsOwned():
                    // Audio or a cover: the song or album it belongs to.
                    foreach (var owner in context.ChangeTracker.Entries<CatalogItem>().Where(o => o.References.Any(r => ReferenceEquals(r.CurrentValue, owned))))
                    {
                        if (owner.Entity is Song ownerSong) changes?.Add(ownerSong);
                        else if (owner.Entity is Album ownerAlbum) changes?.Add(ownerAlbum);
                        any = true;
                    }
                    break;
            }
        }
        if (any && changes is null)
        {
            memory.Invalidate();
            Unreported.AddOrUpdate(context, Unreported);
        }
    }
}

/// <summary>
/// Starts building the in-memory search index <see cref="SettleTime"/> after the app has started (the server listening),
/// not while the host starts nor with its first requests: the build's reads and allocations would otherwise take CPU and
/// GC pauses from start-up and from the first requests, the orchestrator's readiness probe among them. Readiness never
/// waits for it, and searches use the database until it is current. Without a host's lifetime (services built by a tool
/// or a test, no server), it starts at once.
/// </summary>
internal sealed class SearchMemoryWarmUp(SearchMemory? memory, IHostApplicationLifetime? lifetime, TimeProvider clock) : IHostedService
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (memory is null) return Task.CompletedTask;
        if (lifetime is null) memory.StartBuilding();
        else lifetime.ApplicationStarted.Register(() => _ = StartAfterSettlingAsync(memory));
        return Task.CompletedTask;
    }

    private async Task StartAfterSettlingAsync(SearchMemory index)
    {
        try
        {
            await Task.Delay(SettleTime, clock, _stopping.Token);
            index.StartBuilding();
        }
        catch (OperationCanceledException)
        {
            // Stopped before the build began: nothing to build for.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();
}
