using System.Buffers;
using System.Numerics;
using MusicPlayer.Application.Common.Search;

namespace MusicPlayer.Application.Features.Search.Memory;

/// <summary>
/// Documents (as <see cref="Domain.Common.SearchText.Document"/> writes them) by small integer ids, and for each term
/// the ids of the documents holding it (postings), with the terms in ordinal order so that a prefix is a range.
/// Not thread-safe: <see cref="SearchMemory"/> guards it.
/// </summary>
internal sealed class TextIndex
{
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly Dictionary<int, string[]> _documents = [];
    private int _maxId;

    /// <summary>Every term a document has held since the index was built, in ordinal order (like the database's vocabulary, it only grows).</summary>
    public IReadOnlyList<string> Terms => _terms;

    /// <summary>Indexes <paramref name="document"/> under <paramref name="id"/>, replacing what that id held.</summary>
    public void Set(int id, string document)
    {
        var terms = document.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (_documents.TryGetValue(id, out var old) && old.AsSpan().SequenceEqual(terms)) return;
        Remove(id);
        for (var i = 0; i < terms.Length; i++)
        {
            if (_postings.TryGetValue(terms[i], out var ids))
            {
                terms[i] = _terms[_terms.BinarySearch(terms[i], StringComparer.Ordinal)]; // every document holds the one copy of a term
            }
            else
            {
                _postings[terms[i]] = ids = [];
                var at = _terms.BinarySearch(terms[i], StringComparer.Ordinal);
                if (at < 0) _terms.Insert(~at, terms[i]);
            }
            ids.Add(id);
        }
        _documents[id] = terms;
        _maxId = Math.Max(_maxId, id);
    }

    public void Remove(int id)
    {
        if (!_documents.Remove(id, out var terms)) return;
        foreach (var term in terms)
        {
            var ids = _postings[term];
            var at = ids.LastIndexOf(id);
            ids[at] = ids[^1];
            ids.RemoveAt(ids.Count - 1);
        }
    }

    /// <summary>
    /// The ids of the documents holding, for every word of <paramref name="match"/>, one of its terms or a term that
    /// starts with one of its prefixes: the same test as <see cref="SearchMatch.IsMatchOf"/>, read from the postings.
    /// </summary>
    public Matches Match(SearchMatch match)
    {
        var length = (_maxId >> 6) + 1;
        var all = ArrayPool<ulong>.Shared.Rent(length);
        var word = ArrayPool<ulong>.Shared.Rent(length);
        try
        {
            for (var w = 0; w < match.Words.Count; w++)
            {
                var target = w == 0 ? all : word;
                Array.Clear(target, 0, length);
                foreach (var term in match.Words[w].Terms) Mark(target, term);
                foreach (var prefix in match.Words[w].Prefixes)
                {
                    var at = _terms.BinarySearch(prefix, StringComparer.Ordinal);
                    for (var i = at < 0 ? ~at : at; i < _terms.Count && _terms[i].StartsWith(prefix, StringComparison.Ordinal); i++)
                        Mark(target, _terms[i]);
                }
                if (w > 0)
                    for (var i = 0; i < length; i++) all[i] &= word[i];
            }
            if (match.Words.Count == 0) Array.Clear(all, 0, length);
            return new Matches(all, length);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(word);
        }
    }

    private void Mark(ulong[] bits, string term)
    {
        if (!_postings.TryGetValue(term, out var ids)) return;
        foreach (var id in ids) bits[id >> 6] |= 1UL << id;
    }

    /// <summary>A set of ids as bits, from the shared pool: dispose it once read.</summary>
    public readonly struct Matches(ulong[] bits, int length) : IDisposable
    {
        public bool Contains(int id) => id >> 6 < length && (bits[id >> 6] & (1UL << id)) != 0;

        public bool Any()
        {
            for (var i = 0; i < length; i++)
                if (bits[i] != 0) return true;
            return false;
        }

        public int Count()
        {
            var count = 0;
            for (var i = 0; i < length; i++) count += BitOperations.PopCount(bits[i]);
            return count;
        }

        /// <summary>Every id, in increasing order.</summary>
        public IEnumerable<int> Ids()
        {
            for (var i = 0; i < length; i++)
            {
                for (var word = bits[i]; word != 0; word &= word - 1)
                    yield return (i << 6) + BitOperations.TrailingZeroCount(word);
            }
        }

        public void Dispose() => ArrayPool<ulong>.Shared.Return(bits);
    }
}
