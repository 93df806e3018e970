using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Playlists;

namespace MusicPlayer.Application.UnitTests.Features.Playlists;

public sealed class SmartPlaylistResultsTests
{
    private readonly CatalogVersion _catalog = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private int _evaluations;

    private Task<SmartEvaluation> Get(SmartPlaylistResults results, int version = 1) =>
        results.GetAsync(5, version, () =>
        {
            _evaluations++;
            return Task.FromResult<IReadOnlyList<SmartSong>>([new SmartSong(_evaluations, null)]);
        });

    [Fact]
    public async Task Get_Again_WithinASecond_ReusesTheEvaluation()
    {
        var results = new SmartPlaylistResults(_catalog, _clock);

        var first = await Get(results);
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        var second = await Get(results);

        second.Should().BeSameAs(first);
        _evaluations.Should().Be(1);
    }

    [Fact]
    public async Task Get_AfterACatalogChange_ANewVersion_OrASecond_EvaluatesAgain()
    {
        var results = new SmartPlaylistResults(_catalog, _clock);
        await Get(results);

        _catalog.Bump();
        await Get(results);
        await Get(results, version: 2);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Get(results, version: 2);

        _evaluations.Should().Be(4);
        (await Get(results, version: 2)).Number.Should().Be(4, "each evaluation is numbered, so pages cut from it are told apart");
    }
}
