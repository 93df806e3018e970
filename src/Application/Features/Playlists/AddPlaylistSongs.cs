using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Inserts songs (1..500, duplicates allowed) at a position or at the end. Owner only; If-Match guards it.</summary>
public static class AddPlaylistSongs
{
    [Authorize]
    public sealed record Command(int Id, AddSongsInput Body, int? IfMatch = null) : IRequest<PlaylistDto>, IChangesPlaylists;

    /// <summary>The songs to insert, in order, and where (1..songCount+1; default the end).</summary>
    public sealed record AddSongsInput(IReadOnlyList<int>? SongIds, int? Position = null);

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body).NotNull();
            RuleFor(c => c.Body.SongIds).NotNull().WithMessage("'songIds' is required.")
                .Must(ids => ids is { Count: >= 1 and <= PlaylistLimits.MaxSongsPerAdd })
                .WithMessage($"'songIds' must hold 1 to {PlaylistLimits.MaxSongsPerAdd} song ids.")
                .When(c => c.Body is not null);
            RuleForEach(c => c.Body.SongIds).GreaterThan(0).When(c => c.Body?.SongIds is not null)
                .OverridePropertyName("songIds").WithMessage("Song ids are positive integers.");
            RuleFor(c => c.Body.Position).GreaterThanOrEqualTo(1).When(c => c.Body?.Position is not null)
                .WithMessage("'position' must be 1 or more.");
        }
    }

    internal sealed class Handler(IReadRepository<Playlist> playlists, IPlaylistStore store, PlaylistReader reader, ICurrentUser currentUser,
        TimeProvider clock) : IRequestHandler<Command, PlaylistDto>
    {
        public async Task<PlaylistDto> Handle(Command request, CancellationToken cancellationToken)
        {
            await playlists.EnsureOwnerAsync(currentUser, request.Id, cancellationToken);
            await store.AddAsync(request.Id, request.IfMatch, request.Body.SongIds!, request.Body.Position,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
            return await reader.ReadAsync(request.Id, cancellationToken);
        }
    }
}
