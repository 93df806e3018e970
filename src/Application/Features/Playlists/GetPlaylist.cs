using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>One playlist: the owner's, an admin's, or anyone's when it is public. Someone else's private one is a 404.</summary>
public static class GetPlaylist
{
    public sealed record Query(int Id) : IRequest<PlaylistDto>;

    internal sealed class Handler(PlaylistReader reader, ICurrentUser currentUser) : IRequestHandler<Query, PlaylistDto>
    {
        public async Task<PlaylistDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var row = await reader.RowAsync(request.Id, cancellationToken);
            currentUser.EnsureMayRead(row, "Playlist", request.Id, adminsAllowed: true);
            return await reader.ReadAsync(row, cancellationToken);
        }
    }
}
