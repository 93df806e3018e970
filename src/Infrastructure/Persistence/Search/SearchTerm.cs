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

/// <summary>Adds the terms of new index documents to the vocabulary, ignoring those already there (also when a concurrent save adds the same).</summary>
internal static class SearchVocabulary
{
    public static async Task AddAsync(MusicPlayerDbContext context, IEnumerable<string> documents, bool async, CancellationToken cancellationToken)
    {
        var terms = documents.SelectMany(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length <= CatalogRules.SearchKeyMaxLength).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0) return;

        var query = context.Set<SearchTerm>().AsNoTracking().Where(t => terms.Contains(t.Term)).Select(t => t.Term);
        var known = (async ? await query.ToListAsync(cancellationToken) : query.ToList()).ToHashSet(StringComparer.Ordinal);
        var missing = terms.Where(t => !known.Contains(t)).ToList();
        if (missing.Count == 0) return;

        var values = string.Join(", ", missing.Select((_, i) => $"({{{i}}})"));
        var database = context.Database;
        var sql = database.IsNpgsql() ? $@"INSERT INTO ""SearchTerms"" (""Term"") VALUES {values} ON CONFLICT DO NOTHING"
            : database.IsSqlServer() ? $"INSERT INTO [SearchTerms] ([Term]) SELECT v.[Term] FROM (VALUES {values}) AS v([Term]) " +
                                       "WHERE NOT EXISTS (SELECT 1 FROM [SearchTerms] t WITH (UPDLOCK, HOLDLOCK) WHERE t.[Term] = v.[Term])"
            : $@"INSERT OR IGNORE INTO ""SearchTerms"" (""Term"") VALUES {values}";
        object[] parameters = [.. missing];
        if (async) await database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        else database.ExecuteSqlRaw(sql, parameters);
    }
}
