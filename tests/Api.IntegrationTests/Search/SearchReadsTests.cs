using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Search;

/// <summary>
/// What a search reads, seen in the commands the app sends to its database: the work that bounds its speed (every
/// command is a round trip and a statement to prepare), on both search paths' shared steps.
/// </summary>
public sealed class SearchReadsTests(SearchReadsTests.Catalog catalog) : IClassFixture<SearchReadsTests.Catalog>
{
    [Fact]
    public async Task Search_MisspeltWord_ReadsSongRowsOnceForItsTypoMatchOnly()
    {
        var commands = await SearchAsync("metalica", "songs");

        // The exact phase counts no match and reads no rows; the typo phase reads the songs once.
        commands.Count(c => c.Contains("\"FileUrl\"", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Search_Artists_GroupSongsAndAlbumsInOneCommand()
    {
        var commands = await SearchAsync("beatles", "artists");

        var groupings = commands.Where(c => c.Contains("GROUP BY", StringComparison.Ordinal)).ToList();
        groupings.Should().NotBeEmpty().And.OnlyContain(c => c.Contains("UNION ALL", StringComparison.Ordinal)
                                                             && c.Contains("\"Songs\"", StringComparison.Ordinal)
                                                             && c.Contains("\"Albums\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_MisspeltWordOfEveryType_ReadsArtistsForTheTypoMatchOnly()
    {
        var commands = await SearchAsync("metalica", "songs,albums,artists");

        // No song or album matches without a typo, so no artist name can: artists are grouped once, for the typo match.
        commands.Count(c => c.Contains("GROUP BY", StringComparison.Ordinal)).Should().Be(1);
    }

    [Theory]
    [InlineData("/api/v1/songs?q=yesterday")]
    [InlineData("/api/v1/songs?q=metalica")]
    [InlineData("/api/v1/albums?q=help")]
    public async Task List_QAlone_TotalIsTheIndexCountAndTheSameAsWithAFilterThatKeepsEveryRow(string path)
    {
        catalog.Commands.Clear();
        var alone = await (await catalog.Factory.Anonymous().GetAsync(path)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var commands = catalog.Commands.Take();
        // Every catalog item is Rock: the genre filter keeps the same rows, and its total is counted over them.
        var filtered = await (await catalog.Factory.Anonymous().GetAsync(path + "&genre=rock")).ShouldBeJsonAsync(HttpStatusCode.OK);

        alone.GetProperty("totalCount").GetInt32().Should().BePositive().And.Be(filtered.GetProperty("totalCount").GetInt32());
        alone.GetProperty("items").EnumerateArray().Select(i => i.Id()).Should().Equal(filtered.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        if (TestDatabase.Provider == TestDatabase.Sqlite)
            commands.Should().Contain(c => c.Contains("count(*)", StringComparison.Ordinal) && c.Contains("Fts\" MATCH", StringComparison.Ordinal)
                                           && !c.Contains("FROM \"Songs\"", StringComparison.Ordinal) && !c.Contains("FROM \"Albums\"", StringComparison.Ordinal),
                "the total is counted on the FTS table alone");
    }

    private async Task<IReadOnlyList<string>> SearchAsync(string q, string types)
    {
        catalog.Commands.Clear();
        var response = await catalog.Factory.Anonymous().GetAsync($"/api/v1/search?q={q}&types={types}");
        var result = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        foreach (var type in types.Split(',')) result.GetProperty(type).GetArrayLength().Should().BePositive();
        return catalog.Commands.Take();
    }

    /// <summary>The search catalog, its commands recorded.</summary>
    public sealed class Catalog : IAsyncLifetime
    {
        public CommandLog Commands { get; } = new();

        public SearchCatalogFactory Factory { get; }

        public Catalog() => Factory = new SearchCatalogFactory(interceptor: Commands);

        public async Task InitializeAsync()
        {
            await Factory.InitializeAsync();
            await Factory.SeedAsync();
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    /// <summary>The text of every command that reads rows, in order, since the last <see cref="Clear"/>.</summary>
    public sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public void Clear() => _commands.Clear();

        public IReadOnlyList<string> Take() => [.. _commands];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
