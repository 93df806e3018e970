using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Search;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// <see cref="ISearchIndex"/> on each database's own machinery:
/// <list type="bullet">
/// <item>SQLite: the FTS5 tables <c>SongsFts</c> and <c>AlbumsFts</c> (external content over the documents,
/// with prefix indexes of 1 to 3 characters for search as you type), queried with MATCH.</item>
/// <item>PostgreSQL: LIKE over the documents (<c>% word %</c>, <c>% prefix%</c>), which the pg_trgm GIN indexes serve.</item>
/// <item>SQL Server: the same LIKE conditions without an index: correct, and a scan of the documents (the fallback).</item>
/// </list>
/// Documents hold nothing but letters, digits and single spaces, so no term needs escaping in either syntax.
/// </summary>
internal sealed class SearchIndex(MusicPlayerDbContext context) : ISearchIndex
{
    public Expression<Func<T, bool>> Matching<T>(SearchMatch match) where T : CatalogItem
    {
        ArgumentNullException.ThrowIfNull(match);
        if (context.Database.IsSqlite())
        {
            var query = FtsQuery(match);
            var ids = typeof(T) == typeof(Song)
                ? context.Database.SqlQuery<int>($@"SELECT rowid AS ""Value"" FROM ""SongsFts"" WHERE ""SongsFts"" MATCH {query}")
                : context.Database.SqlQuery<int>($@"SELECT rowid AS ""Value"" FROM ""AlbumsFts"" WHERE ""AlbumsFts"" MATCH {query}");
            return x => ids.Contains(x.Id);
        }

        return MatchingEachRow<T>(match);
    }

    public Expression<Func<T, bool>> MatchingEachRow<T>(SearchMatch match) where T : CatalogItem
    {
        ArgumentNullException.ThrowIfNull(match);
        var item = Expression.Parameter(typeof(T), "x");
        Expression document = match.Field == SearchField.Artist
            ? Expression.Property(item, nameof(CatalogItem.ArtistText))
            : Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], item, Expression.Constant(SearchIndexMaintenance.DocumentColumn));
        Expression? all = null;
        foreach (var word in match.Words)
        {
            var patterns = word.Terms.Select(t => $"% {t} %").Concat(word.Prefixes.Select(p => $"% {p}%"));
            Expression? any = null;
            foreach (var pattern in patterns)
            {
                var like = Expression.Call(typeof(DbFunctionsExtensions), nameof(DbFunctionsExtensions.Like), Type.EmptyTypes,
                    Expression.Property(null, typeof(EF), nameof(EF.Functions)), document, Parameter(pattern));
                any = any is null ? like : Expression.OrElse(any, like);
            }
            any ??= Expression.Constant(false);
            all = all is null ? any : Expression.AndAlso(all, any);
        }
        return Expression.Lambda<Func<T, bool>>(all ?? Expression.Constant(false), item);
    }

    public async Task<int> CountUpToAsync<T>(SearchMatch match, int max, CancellationToken cancellationToken) where T : CatalogItem
    {
        ArgumentNullException.ThrowIfNull(match);
        if (!context.Database.IsSqlite())
            return await context.Set<T>().AsNoTracking().Where(Matching<T>(match)).Take(max).CountAsync(cancellationToken);

        // The FTS table alone, stopping after max rows: never reads the whole doclist of a common prefix.
        var query = FtsQuery(match);
        var counted = typeof(T) == typeof(Song)
            ? context.Database.SqlQuery<int>($@"SELECT count(*) AS ""Value"" FROM (SELECT 1 FROM ""SongsFts"" WHERE ""SongsFts"" MATCH {query} LIMIT {max})")
            : context.Database.SqlQuery<int>($@"SELECT count(*) AS ""Value"" FROM (SELECT 1 FROM ""AlbumsFts"" WHERE ""AlbumsFts"" MATCH {query} LIMIT {max})");
        return await counted.SingleAsync(cancellationToken);
    }

    public Expression<Func<T, bool>> KeyStartsWith<T>(IReadOnlyList<string> prefixes) where T : CatalogItem =>
        KeyStartsWith<T>(nameof(CatalogItem.SearchKey), prefixes);

    private Expression<Func<T, bool>> KeyStartsWith<T>(string keyProperty, IReadOnlyList<string> prefixes) where T : CatalogItem
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var item = Expression.Parameter(typeof(T), "x");
        var key = Expression.Property(item, keyProperty);
        // SQL Server's collations do not promise that a prefix's strings sort between it and any bound: StartsWith alone.
        var ranged = !context.Database.IsSqlServer();
        Expression? any = null;
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal))
        {
            Expression test = Expression.Call(key, nameof(string.StartsWith), Type.EmptyTypes, Parameter(prefix));
            if (ranged)
            {
                // The range lets the database read the index on SearchKey; StartsWith keeps it exact under any collation.
                var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
                var from = Expression.GreaterThanOrEqual(Expression.Call(compare, key, Parameter(prefix)), Expression.Constant(0));
                var to = Expression.LessThan(Expression.Call(compare, key, Parameter(prefix + char.ConvertFromUtf32(0x10FFFF))), Expression.Constant(0));
                test = Expression.AndAlso(Expression.AndAlso(from, to), test);
            }
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), item);
    }

    /// <summary>A value EF sends as a parameter (a captured variable), not inlined into the SQL text.</summary>
    private static MemberExpression Parameter(string value) =>
        Expression.Property(Expression.Constant(new Box(value)), nameof(Box.Value));

    private sealed record Box(string Value);

    /// <summary>Every word a parenthesised OR of its terms (quoted) and prefixes (quoted, starred), the words joined by AND.</summary>
    internal static string FtsQuery(SearchMatch match)
    {
        var query = new StringBuilder();
        if (match.Field == SearchField.Artist) query.Append(SearchIndexSql.ArtistColumn).Append(" : (");
        for (var i = 0; i < match.Words.Count; i++)
        {
            var word = match.Words[i];
            if (i > 0) query.Append(" AND ");
            query.Append('(')
                .AppendJoin(" OR ", word.Terms.Select(t => $"\"{t}\"").Concat(word.Prefixes.Select(p => $"\"{p}\"*")))
                .Append(')');
        }
        if (match.Field == SearchField.Artist) query.Append(')');
        return query.ToString();
    }

    public async Task<IReadOnlyList<string>> TermsAsync(int minLength, CancellationToken cancellationToken) =>
        await context.Set<SearchTerm>().AsNoTracking().Where(t => t.Term.Length >= minLength).Select(t => t.Term).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsAsync(SearchMatch? byName, CancellationToken cancellationToken)
    {
        IQueryable<Song> songs = context.Songs.AsNoTracking();
        IQueryable<Album> albums = context.Albums.AsNoTracking();
        if (byName is not null)
        {
            // The artists matched by any of their items (read once), then all of their items (other spellings count too).
            var keys = await context.Songs.Where(Matching<Song>(byName)).Select(s => s.ArtistKey)
                .Union(context.Albums.Where(Matching<Album>(byName)).Select(a => a.ArtistKey))
                .ToListAsync(cancellationToken);
            if (keys.Count == 0) return [];
            songs = songs.Where(s => keys.Contains(s.ArtistKey));
            albums = albums.Where(a => keys.Contains(a.ArtistKey));
        }
        return await SpellingsAsync(songs, albums, cancellationToken);
    }

    public async Task<IReadOnlyList<ArtistSpelling>> ArtistSpellingsByKeyAsync(IReadOnlyList<string> keyPrefixes, CancellationToken cancellationToken) =>
        await SpellingsAsync(
            context.Songs.AsNoTracking().Where(KeyStartsWith<Song>(nameof(CatalogItem.ArtistKey), keyPrefixes)),
            context.Albums.AsNoTracking().Where(KeyStartsWith<Album>(nameof(CatalogItem.ArtistKey), keyPrefixes)),
            cancellationToken);

    /// <summary>
    /// The songs and albums grouped by artist key and spelling (from the covering artist indexes), in one query (the two
    /// groupings joined by UNION ALL), merged per spelling.
    /// </summary>
    private static async Task<IReadOnlyList<ArtistSpelling>> SpellingsAsync(IQueryable<Song> songs, IQueryable<Album> albums, CancellationToken cancellationToken)
    {
        var rows = await songs
            .GroupBy(s => new { s.ArtistKey, s.Artist })
            .Select(g => new SpellingRow { Key = g.Key.ArtistKey, Name = g.Key.Artist, Songs = g.Count(), Albums = 0, Likes = g.Sum(s => s.LikeCount), Plays = g.Sum(s => s.PlayCount) })
            .Concat(albums
                .GroupBy(a => new { a.ArtistKey, a.Artist })
                .Select(g => new SpellingRow { Key = g.Key.ArtistKey, Name = g.Key.Artist, Songs = 0, Albums = g.Count(), Likes = 0, Plays = 0 }))
            .ToListAsync(cancellationToken);

        var spellings = new Dictionary<(string, string), ArtistSpelling>();
        foreach (var row in rows)
        {
            spellings[(row.Key, row.Name)] = spellings.TryGetValue((row.Key, row.Name), out var spelling)
                ? spelling with { SongCount = spelling.SongCount + row.Songs, AlbumCount = spelling.AlbumCount + row.Albums, Likes = spelling.Likes + row.Likes, Plays = spelling.Plays + row.Plays }
                : new ArtistSpelling(row.Key, row.Name, row.Songs, row.Albums, row.Likes, row.Plays);
        }
        return [.. spellings.Values];
    }

    /// <summary>One row of <see cref="SpellingsAsync"/>: a spelling's songs (with their likes and plays) or its albums.</summary>
    private sealed class SpellingRow
    {
        public required string Key { get; init; }
        public required string Name { get; init; }
        public int Songs { get; init; }
        public int Albums { get; init; }
        public int Likes { get; init; }
        public int Plays { get; init; }
    }
}
