using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Creates a playlist for the caller (smart when it has rules); at most 1,000 per user.</summary>
public static class CreatePlaylist
{
    [Authorize]
    public sealed record Command(PlaylistInput Playlist) : IRequest<PlaylistDto>, IChangesPlaylists;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Playlist).NotNull().SetValidator(new PlaylistInputValidator());
    }

    internal sealed class Handler(IPlaylistStore store, PlaylistReader reader, ICurrentUser currentUser, TimeProvider clock)
        : IRequestHandler<Command, PlaylistDto>
    {
        public async Task<PlaylistDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var id = await store.CreateAsync(currentUser.RequiredUserId, request.Playlist.ToDetails(), clock.GetUtcNow().UtcDateTime,
                cancellationToken);
            return await reader.ReadAsync(id, cancellationToken);
        }
    }
}
