using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Playlists;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>Replaces a playlist's name, description, visibility and rules. Owner only; If-Match guards it.</summary>
public static class UpdatePlaylist
{
    [Authorize]
    public sealed record Command(int Id, PlaylistInput Playlist, int? IfMatch = null) : IRequest<PlaylistDto>, IChangesPlaylists;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Playlist).NotNull().SetValidator(new PlaylistInputValidator());
    }

    internal sealed class Handler(IRepository<Playlist> playlists, PlaylistReader reader, ICurrentUser currentUser, TimeProvider clock)
        : IRequestHandler<Command, PlaylistDto>
    {
        public async Task<PlaylistDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var playlist = await playlists.GetByIdOrThrowAsync(request.Id, cancellationToken);
            currentUser.EnsureMayWrite(new Owned(playlist.OwnerId, playlist.IsPublic), "Playlist", request.Id);
            if (request.IfMatch is { } expected && expected != playlist.Version) throw new PreconditionFailedException();
            playlist.Update(request.Playlist.ToDetails(), clock.GetUtcNow().UtcDateTime);
            // The version is a concurrency token: a change saved since the read makes this save a 412.
            await playlists.SaveChangesAsync(cancellationToken);
            return await reader.ReadAsync(request.Id, cancellationToken);
        }
    }
}
