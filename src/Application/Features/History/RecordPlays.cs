using FluentValidation;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.History;

namespace MusicPlayer.Application.Features.History;

/// <summary>
/// Records a batch of the caller's plays (1..500), e.g. from a client that was offline. A play with a
/// <c>clientPlayId</c> the caller already recorded is a duplicate: a retried batch counts nothing twice.
/// An unknown song fails the whole batch (400 naming it) and records nothing.
/// </summary>
public static class RecordPlays
{
    // Changes the playCount that song lists show and sort by.
    [Authorize]
    public sealed record Command : IRequest<RecordPlaysResult>, IChangesCountsOnly
    {
        public IReadOnlyList<PlayInput>? Plays { get; init; }

        public IEnumerable<int> CountedSongIds() => Plays?.Select(p => p?.SongId).OfType<int>() ?? [];
    }

    /// <summary>One play: the song, when it started (UTC; default now), how long it played, and the client's idempotency key.</summary>
    public sealed record PlayInput
    {
        public int? SongId { get; init; }
        public DateTime? PlayedAt { get; init; }
        public int? SecondsPlayed { get; init; }
        public string? ClientPlayId { get; init; }
    }

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Plays).NotNull().WithMessage("'plays' is required.")
                .Must(p => p is null || p.Count is >= 1 and <= PlayRules.MaxBatch)
                .WithMessage($"'plays' must hold between 1 and {PlayRules.MaxBatch} plays.");
            RuleForEach(c => c.Plays).NotNull().WithMessage("A play is required.").SetValidator(new PlayValidator(clock))
                .When(c => c.Plays is { Count: <= PlayRules.MaxBatch });
        }
    }

    public sealed class PlayValidator : AbstractValidator<PlayInput>
    {
        public PlayValidator(TimeProvider clock)
        {
            RuleFor(p => p.SongId).NotNull().WithMessage("'songId' is required.")
                .GreaterThan(0).WithMessage("'songId' must be a song id.");
            RuleFor(p => p.SecondsPlayed).NotNull().WithMessage("'secondsPlayed' is required.")
                .InclusiveBetween(0, PlayRules.MaxSecondsPlayed)
                .WithMessage($"'secondsPlayed' must be between 0 and {PlayRules.MaxSecondsPlayed}.");
            RuleFor(p => p.PlayedAt)
                .Must(t => t is not { } at || Utc(at) <= clock.GetUtcNow().UtcDateTime + PlayRules.MaxAhead)
                .WithMessage("'playedAt' must not be more than 5 minutes in the future.")
                .Must(t => t is not { } at || Utc(at) >= clock.GetUtcNow().UtcDateTime - PlayRules.MaxAge)
                .WithMessage("'playedAt' must not be more than 30 days in the past.");
            RuleFor(p => p.ClientPlayId).OptionalText(PlayRules.ClientPlayIdMaxLength);
        }
    }

    /// <summary>A timestamp in UTC: one without a zone is taken as UTC (the contract's timestamps are), one with an offset is converted.</summary>
    internal static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Utc => at,
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
    };

    internal sealed class Handler(IPlayStore store, ICurrentUser currentUser, TimeProvider clock, UserPlayVersions versions)
        : IRequestHandler<Command, RecordPlaysResult>
    {
        public async Task<RecordPlaysResult> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var inputs = request.Plays!;
            var plays = inputs.Select(p => new NewPlay(p.SongId!.Value, p.PlayedAt is { } at ? Utc(at) : now, p.SecondsPlayed!.Value,
                Domain.Common.Text.Clean(p.ClientPlayId))).ToList();

            var userId = currentUser.RequiredUserId;
            PlayBatchResult result;
            try
            {
                result = await store.RecordAsync(userId, plays, cancellationToken);
            }
            finally
            {
                // Committed, or failed part-way: the user's cached statistics are not served again either way.
                versions.Bump(userId);
            }
            if (result.UnknownSongIds.Count > 0)
            {
                var unknown = result.UnknownSongIds.ToHashSet();
                throw new RequestValidationException(plays
                    .Select((p, i) => (p.SongId, i))
                    .Where(p => unknown.Contains(p.SongId))
                    .ToDictionary(p => $"plays[{p.i}].songId", p => new[] { $"Song {p.SongId} was not found." }));
            }
            return new RecordPlaysResult(result.Accepted, result.Duplicates);
        }
    }
}
