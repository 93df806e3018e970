using MediatR;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Search.Memory;

/// <summary>
/// The songs and albums the saves of one catalog command touched, collected by the database's save interceptor for
/// <see cref="SearchMemoryBehaviour{TRequest,TResponse}"/>, which hands them to the <see cref="SearchMemory"/> once the
/// command has ended. Holds the entities themselves: a new row's id is known only once it is saved.
/// </summary>
public sealed class SearchMemoryChanges
{
    private static readonly AsyncLocal<SearchMemoryChanges?> Scope = new();

    private readonly List<Song> _songs = [];
    private readonly List<Album> _albums = [];
    private readonly List<AlbumSong> _links = [];

    /// <summary>The changes of the catalog command running on this flow; null outside any.</summary>
    public static SearchMemoryChanges? Current => Scope.Value;

    internal static SearchMemoryChanges Begin() => Scope.Value = new SearchMemoryChanges();

    internal static void End(SearchMemoryChanges? outer) => Scope.Value = outer;

    public void Add(Song song)
    {
        lock (_songs) _songs.Add(song);
    }

    public void Add(Album album)
    {
        lock (_songs) _albums.Add(album);
    }

    public void Add(AlbumSong link)
    {
        lock (_songs) _links.Add(link);
    }

    /// <summary>The ids of the rows touched (a row never saved has none).</summary>
    internal (HashSet<int> Songs, HashSet<int> Albums) Ids()
    {
        lock (_songs)
        {
            var songs = _songs.Select(s => s.Id).Concat(_links.Select(l => l.SongId)).Where(id => id > 0).ToHashSet();
            var albums = _albums.Select(a => a.Id).Concat(_links.Select(l => l.AlbumId)).Where(id => id > 0).ToHashSet();
            return (songs, albums);
        }
    }
}

/// <summary>
/// Innermost behaviour of catalog writes: collects what the command's saves touch and, once it has ended (committed or
/// failed), brings the in-memory search index up to date with those rows before the response leaves; a write of counters
/// alone (<see cref="IChangesCountsOnly"/>) names its songs instead, whose counts the index reads again within a second
/// (every song's after an <see cref="IChangesUnnamedCounts"/>).
/// Both happen before <see cref="Common.Behaviours.CatalogChangeBehaviour{TRequest,TResponse}"/> (registered after it, so
/// inside it) moves the catalog version on.
/// </summary>
public sealed class SearchMemoryBehaviour<TRequest, TResponse>(SearchMemory memory) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IChangesCatalog
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!memory.Enabled) return await next();
        if (request is IChangesCountsOnly counted)
        {
            // Counters alone: its saves touch no row the index holds (the tracker leaves counters out), so nothing to collect.
            try
            {
                return await next();
            }
            finally
            {
                memory.CountsMoved(counted.CountedSongIds());
            }
        }
        try
        {
            return await ApplyingEditsAsync(next);
        }
        finally
        {
            if (request is IChangesUnnamedCounts) memory.CountsMovedAnywhere();
        }
    }

    private async Task<TResponse> ApplyingEditsAsync(RequestHandlerDelegate<TResponse> next)
    {
        // A command sent by another one reports to the outer one, which ends (and commits) last.
        if (SearchMemoryChanges.Current is not null) return await next();
        var changes = SearchMemoryChanges.Begin();
        try
        {
            return await next();
        }
        finally
        {
            SearchMemoryChanges.End(null);
            var (songs, albums) = changes.Ids();
            await memory.ApplyAsync(songs, albums, CancellationToken.None);
        }
    }
}
