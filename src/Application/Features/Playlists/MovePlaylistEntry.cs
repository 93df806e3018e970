using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Moves one entry to a position (1..songCount); the entries between shift by one. Owner only; If-Match guards it.</summary>
public static class MovePlaylistEntry
{
    [Authorize]
    public sealed record Command(int Id, int EntryId, MoveEntryInput Body, int? IfMatch = null) : IRequest<PlaylistDto>, IChangesPlaylists;

    /// <summary>The entry's new position.</summary>
    public sealed record MoveEntryInput(int? Position);

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body).NotNull();
            RuleFor(c => c.Body.Position).NotNull().WithMessage("'position' is required.")
                .GreaterThanOrEqualTo(1).WithMessage("'position' must be 1 or more.").When(c => c.Body is not null);
        }
    }

    internal sealed class Handler(IReadRepository<Playlist> playlists, IPlaylistStore store, PlaylistReader reader, ICurrentUser currentUser,
        TimeProvider clock) : IRequestHandler<Command, PlaylistDto>
    {
        public async Task<PlaylistDto> Handle(Command request, CancellationToken cancellationToken)
        {
            await playlists.EnsureOwnerAsync(currentUser, request.Id, cancellationToken);
            await store.MoveAsync(request.Id, request.IfMatch, request.EntryId, request.Body.Position!.Value,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
            return await reader.ReadAsync(request.Id, cancellationToken);
        }
    }
}
