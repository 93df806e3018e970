using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Common.Search;

/// <summary>
/// Reads a query the way users expect a search box to: its words (normalised as the index is), each of
/// which must match a word of the item, the last one possibly only begun (search as you type). Typos are
/// forgiven by <see cref="SearchText.TypoBudget"/>: a word then also matches every term of the index within
/// that many edits (<see cref="EditDistance"/>), the last word every term it is that close to becoming.
/// </summary>
public sealed class SearchPlanner(ISearchIndex index)
{
    /// <summary>At most this many typo alternatives per word, the closest first: keeps the database condition bounded.</summary>
    public const int MaxAlternativesPerWord = 50;

    /// <summary>The plan of <paramref name="query"/>; null when it has no word at all (only punctuation).</summary>
    public SearchPlan? Plan(string? query)
    {
        var words = query is null ? [] : SearchText.QueryWords(query);
        if (words.Count == 0) return null;
        var exact = new SearchMatch(
            words.Select((w, i) => i == words.Count - 1 ? new WordMatch([], [w]) : new WordMatch([w], [])).ToList(),
            SearchField.Everything);
        return new SearchPlan(words, string.Concat(words), exact, this);
    }

    /// <summary>
    /// The match that also forgives typos, or null when no word of the plan is long enough to forgive any
    /// (then it would match what <see cref="SearchPlan.Exact"/> matches).
    /// </summary>
    internal async Task<SearchMatch?> WithTyposAsync(SearchPlan plan, CancellationToken cancellationToken) =>
        MinTypoTermLength(plan.Words) is { } minLength ? WithTypos(plan.Words, await index.TermsAsync(minLength, cancellationToken)) : null;

    /// <summary>The shortest term a typo of <paramref name="words"/> may be; null when no word is long enough to forgive one.</summary>
    public static int? MinTypoTermLength(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var budgets = words.Select(w => SearchText.TypoBudget(w.Length)).ToArray();
        if (budgets.All(b => b == 0)) return null;
        return Math.Max(1, words.Select((w, i) => budgets[i] > 0 ? w.Length - budgets[i] : int.MaxValue).Min());
    }

    /// <summary>
    /// The match of <paramref name="words"/> that also forgives typos, the alternatives drawn from <paramref name="terms"/>
    /// (the vocabulary's terms of at least <see cref="MinTypoTermLength"/> characters). The one rule both the database
    /// and the in-memory index read typos by.
    /// </summary>
    public static SearchMatch WithTypos(IReadOnlyList<string> words, IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(words);
        var candidates = terms as IReadOnlyCollection<string> ?? terms.ToList();
        var matches = new List<WordMatch>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var last = i == words.Count - 1;
            var budget = SearchText.TypoBudget(word.Length);
            var alternatives = budget == 0 ? [] : Alternatives(word, budget, last, candidates);
            matches.Add(last
                ? new WordMatch(alternatives, [word])
                : new WordMatch([word, .. alternatives.Where(t => t != word)], []));
        }
        return new SearchMatch(matches, SearchField.Everything);
    }

    private static List<string> Alternatives(string word, int budget, bool typedSoFar, IEnumerable<string> terms)
    {
        var found = new List<(int Distance, string Term)>();
        foreach (var term in terms)
        {
            // The last word already matches every term it begins; only the others need a distance.
            if (typedSoFar && term.StartsWith(word, StringComparison.Ordinal)) continue;
            var distance = typedSoFar ? EditDistance.PrefixWithin(word, term, budget) : EditDistance.Within(word, term, budget);
            if (distance >= 0) found.Add((distance, term));
        }
        return found.OrderBy(f => f.Distance).ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(MaxAlternativesPerWord).Select(f => f.Term).ToList();
    }
}

/// <summary>A query read by <see cref="SearchPlanner"/>: its words, its key and the match without typos.</summary>
public sealed class SearchPlan
{
    private readonly SearchPlanner _planner;
    private Task<SearchMatch?>? _withTypos;

    internal SearchPlan(IReadOnlyList<string> words, string key, SearchMatch exact, SearchPlanner planner)
    {
        (Words, Key, Exact, _planner) = (words, key, exact, planner);
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>The query's letters and digits (<see cref="SearchText.Key"/>): an item whose key equals it is an exact match, one whose key starts with it a prefix match.</summary>
    public string Key { get; }

    /// <summary><see cref="Key"/> after the article an item's name may start with: <c>beatles</c> is exactly <c>The Beatles</c>.</summary>
    public string KeyAfterArticle => SearchText.Article + Key;

    /// <summary>Every word exactly, the last one also as a prefix.</summary>
    public SearchMatch Exact { get; }

    /// <summary>What <see cref="Exact"/> matches and the typos it forgives; null when no word is long enough for one.</summary>
    public Task<SearchMatch?> WithTyposAsync(CancellationToken cancellationToken) =>
        _withTypos ??= _planner.WithTyposAsync(this, cancellationToken);
}
