using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Infrastructure.Persistence.Search;

/// <summary>
/// A term of the search index's vocabulary: every term any index document has held. Typo matching reads it
/// to find the terms a misspelt word may mean. It only grows: a term no document holds any more is harmless
/// (it matches nothing), while a missing one would lose results, so terms join it before their documents are written.
/// </summary>
internal sealed class SearchTerm
{
    public string Term { get; set; } = "";
}

internal sealed class SearchTermConfiguration : IEntityTypeConfiguration<SearchTerm>
{
    public void Configure(EntityTypeBuilder<SearchTerm> e)
    {
        e.ToTable("SearchTerms");
        e.HasKey(t => t.Term);
        e.Property(t => t.Term).HasMaxLength(CatalogRules.SearchKeyMaxLength);
    }
}

/// <summary>
/// Adds the terms of new index documents to the vocabulary, ignoring those already there (also when a concurrent
/// save adds the same). Terms are never removed, so a term once seen in a database stays there: the process
/// remembers them per database and only asks the database about terms it has not seen yet.
/// </summary>
internal static class SearchVocabulary
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> Known = new(StringComparer.Ordinal);

    public static async Task AddAsync(MusicPlayerDbContext context, IEnumerable<string> documents, bool async, CancellationToken cancellationToken)
    {
        var database = context.Database;
        var known = Known.GetOrAdd(database.GetConnectionString() ?? "", _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        var terms = documents.SelectMany(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length <= CatalogRules.SearchKeyMaxLength && !known.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0) return;

        var query = context.Set<SearchTerm>().AsNoTracking().Where(t => terms.Contains(t.Term)).Select(t => t.Term);
        var stored = (async ? await query.ToListAsync(cancellationToken) : query.ToList()).ToHashSet(StringComparer.Ordinal);
        var missing = terms.Where(t => !stored.Contains(t)).ToList();
        // Only what the database holds (committed) is remembered: a term inserted here is remembered by the next
        // save that finds it, so a rolled-back insert is never taken for a stored term.
        foreach (var term in stored) known.TryAdd(term, 0);
        if (missing.Count == 0) return;

        var values = string.Join(", ", missing.Select((_, i) => $"({{{i}}})"));
        var sql = database.IsNpgsql() ? $@"INSERT INTO ""SearchTerms"" (""Term"") VALUES {values} ON CONFLICT DO NOTHING"
            : database.IsSqlServer() ? $"INSERT INTO [SearchTerms] ([Term]) SELECT v.[Term] FROM (VALUES {values}) AS v([Term]) " +
                                       "WHERE NOT EXISTS (SELECT 1 FROM [SearchTerms] t WITH (UPDLOCK, HOLDLOCK) WHERE t.[Term] = v.[Term])"
            : $@"INSERT OR IGNORE INTO ""SearchTerms"" (""Term"") VALUES {values}";
        object[] parameters = [.. missing];
        if (async) await database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        else database.ExecuteSqlRaw(sql, parameters);
    }
}
