using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>One song with its like count and albums. Any signed-in caller.</summary>
public static class GetSong
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<SongDetailDto>;

    internal sealed class Handler(IReadRepository<Song> songs) : IRequestHandler<Query, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Query request, CancellationToken cancellationToken) =>
            await songs.FirstOrDefaultAsync(new SongDetailSpec(request.Id), cancellationToken)
            ?? throw new NotFoundException("Song", request.Id);
    }
}
