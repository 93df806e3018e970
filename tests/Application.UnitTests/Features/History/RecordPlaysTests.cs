using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.UnitTests.Fakes;

namespace MusicPlayer.Application.UnitTests.Features.History;

public sealed class RecordPlaysTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(TestData.Now));
    private readonly InMemoryPlayStore _store = new();
    private readonly UserPlayVersions _versions = new();

    private RecordPlays.Validator Validator() => new(_clock);

    private static RecordPlays.Command Batch(params RecordPlays.PlayInput[] plays) => new() { Plays = plays };

    private static RecordPlays.PlayInput Play(DateTime? playedAt = null, string? key = null) =>
        new() { SongId = 1, SecondsPlayed = 100, PlayedAt = playedAt, ClientPlayId = key };

    [Fact]
    public void Validate_PlayedAtAtTheLimits_Passes()
    {
        var result = Validator().TestValidate(Batch(Play(TestData.Now.AddMinutes(5)), Play(TestData.Now.AddDays(-30)), Play()));

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_PlayedAtPastTheLimits_NamesEachPlay()
    {
        var result = Validator().TestValidate(Batch(Play(), Play(TestData.Now.AddMinutes(5).AddSeconds(1)), Play(TestData.Now.AddDays(-30).AddSeconds(-1))));

        result.ShouldHaveValidationErrorFor("Plays[1].PlayedAt");
        result.ShouldHaveValidationErrorFor("Plays[2].PlayedAt");
        result.Errors.Should().HaveCount(2);
    }

    [Fact]
    public async Task Handle_NoPlayedAt_RecordsNowAndTrimsTheKey()
    {
        var handler = new RecordPlays.Handler(_store, FakeCurrentUser.WithRoles(7, "user"), _clock, _versions);

        var result = await handler.Handle(Batch(Play(key: "  k1 "), Play(key: "k1")), CancellationToken.None);

        result.Should().Be(new RecordPlaysResult(1, 1));
        _store.Plays.Should().ContainSingle().Which.Should().Be((7, new NewPlay(1, TestData.Now, 100, "k1")));
    }

    [Fact]
    public async Task Handle_MovesTheCallersPlayVersionOnly_AlsoWhenTheBatchFails()
    {
        var handler = new RecordPlays.Handler(new UnknownSongsStore(), FakeCurrentUser.WithRoles(7, "user"), _clock, _versions);

        await new RecordPlays.Handler(_store, FakeCurrentUser.WithRoles(7, "user"), _clock, _versions).Handle(Batch(Play()), CancellationToken.None);
        await handler.Invoking(h => h.Handle(Batch(Play()), CancellationToken.None)).Should().ThrowAsync<RequestValidationException>();

        (_versions.Of(7), _versions.Of(8)).Should().Be((2, 0), "the caller's cached statistics go, nobody else's");
    }

    [Fact]
    public async Task Handle_UnknownSong_IsAValidationErrorNamingEachPlayOfIt()
    {
        var handler = new RecordPlays.Handler(new UnknownSongsStore(), FakeCurrentUser.WithRoles(7, "user"), _clock, _versions);

        var handle = () => handler.Handle(Batch(Play(), Play()), CancellationToken.None);

        (await handle.Should().ThrowAsync<RequestValidationException>())
            .Which.Errors.Keys.Should().BeEquivalentTo(["plays[0].songId", "plays[1].songId"]);
    }

    /// <summary>A store that knows no song, as the real one answers a batch naming songs that do not exist.</summary>
    private sealed class UnknownSongsStore : IPlayStore
    {
        public Task<PlayBatchResult> RecordAsync(int userId, IReadOnlyList<NewPlay> plays, CancellationToken cancellationToken) =>
            Task.FromResult(PlayBatchResult.Unknown(plays.Select(p => p.SongId).Distinct().ToList()));

        public Task RemoveAllOfUserAsync(int userId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RemoveAllOfSongAsync(int songId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
