using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>One song with its like count, whether the caller likes it, and its albums. Any signed-in caller.</summary>
public static class GetSong
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<SongDetailDto>;

    internal sealed class Handler(ICatalogReads reads, ICurrentUser currentUser, ISongUrls urls) : IRequestHandler<Query, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Query request, CancellationToken cancellationToken) =>
            (await reads.SongDetailAsync(request.Id, currentUser.UserId, cancellationToken))?.WithUrls(urls)
            ?? throw new NotFoundException("Song", request.Id);
    }
}
