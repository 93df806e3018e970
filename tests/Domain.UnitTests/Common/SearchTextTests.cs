using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.UnitTests.Common;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Beyoncé", " beyonce ")]
    [InlineData("Sigur Rós", " sigur ros ")]
    [InlineData("Motörhead", " motorhead ")]
    [InlineData("Björk", " bjork ")]
    [InlineData("AC/DC", " acdc ac dc ")]
    [InlineData("P!nk", " pnk p nk ")]
    [InlineData("Guns N' Roses", " guns n roses ")]
    [InlineData("Straße", " strasse ")]
    [InlineData("Ágætis byrjun", " agaetis byrjun ")]
    [InlineData("Smørrebrød Łódź", " smorrebrod lodz ")]
    [InlineData("  Don't   STOP ", " dont don t stop ")]
    [InlineData("!!!", " ")]
    public void Document_FoldsCaseAccentsAndPunctuation(string text, string expected) =>
        SearchText.Document(text).Should().Be(expected);

    [Theory]
    [InlineData("AC/DC", "acdc")]
    [InlineData("ac dc", "acdc")]
    [InlineData("The Beatles", "thebeatles")]
    [InlineData("Beyoncé", "beyonce")]
    public void Key_KeepsOnlyFoldedLettersAndDigits(string text, string expected) => SearchText.Key(text).Should().Be(expected);

    [Theory]
    [InlineData("ac/dc black", new[] { "acdc", "black" })]
    [InlineData("  sigur   RÓS ", new[] { "sigur", "ros" })]
    [InlineData("!!!", new string[0])]
    public void QueryWords_AreJoinedFoldedWords(string query, string[] expected) => SearchText.QueryWords(query).Should().Equal(expected);

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    public void TypoBudget_GrowsWithLength(int length, int expected) => SearchText.TypoBudget(length).Should().Be(expected);

    [Fact]
    public void Fold_IsIdempotent_AndDocumentsOfFoldedTextAreTheSame()
    {
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure, FsCheck.Fluent.Prop.ForAll<string>(text =>
        {
            text ??= "";
            var document = SearchText.Document(text);
            return SearchText.Document(document) == document && SearchText.Key(SearchText.Key(text)) == SearchText.Key(text);
        }));
    }

    [Fact]
    public void Document_EveryQueryWordOfATextIsOneOfItsTerms()
    {
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure, FsCheck.Fluent.Prop.ForAll<string>(text =>
        {
            text ??= "";
            var document = SearchText.Document(text);
            return SearchText.QueryWords(text).All(w => document.Contains($" {w} ", StringComparison.Ordinal));
        }));
    }
}

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("metallica", "metalica", 2, 1)]
    [InlineData("bahc", "bach", 1, 1)]      // transposition
    [InlineData("abcd", "abxd", 1, 1)]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, -1)]
    [InlineData("same", "same", 0, 0)]
    [InlineData("", "abc", 3, 3)]
    [InlineData("short", "muchlongerword", 2, -1)]
    public void Within_IsBoundedDamerauLevenshtein(string a, string b, int max, int expected) =>
        EditDistance.Within(a, b, max).Should().Be(expected);

    [Theory]
    [InlineData("metalic", "metallica", 1, 1)]
    [InlineData("metal", "metallica", 0, 0)]
    [InlineData("mtal", "metallica", 1, 1)]
    [InlineData("xyz", "metallica", 1, -1)]
    public void PrefixWithin_IsTheDistanceToTheClosestPrefix(string word, string term, int max, int expected) =>
        EditDistance.PrefixWithin(word, term, max).Should().Be(expected);

    [Fact]
    public void Within_IsSymmetricAndMatchesTheUnboundedDistanceUpToTheBound()
    {
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure, FsCheck.Fluent.Prop.ForAll<string, string>((a, b) =>
        {
            a = new string((a ?? "").Take(12).ToArray());
            b = new string((b ?? "").Take(12).ToArray());
            var full = Unbounded(a, b);
            return EditDistance.Within(a, b, 2) == (full <= 2 ? full : -1) && EditDistance.Within(b, a, 2) == EditDistance.Within(a, b, 2);
        }));
    }

    /// <summary>Optimal string alignment, the textbook way.</summary>
    private static int Unbounded(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
