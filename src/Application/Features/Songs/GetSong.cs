using MediatR;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>One song with its like count, whether the caller likes it, and its albums. Any signed-in caller.</summary>
public static class GetSong
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<SongDetailDto>;

    internal sealed class Handler(IReadRepository<Song> songs, IReadRepository<UserLike> likes, ICurrentUser currentUser)
        : IRequestHandler<Query, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var song = await songs.FirstOrDefaultAsync(new SongDetailSpec(request.Id), cancellationToken)
                       ?? throw new NotFoundException("Song", request.Id);
            return song with
            {
                LikedByMe = await likes.AnyAsync(new LikeSpec(currentUser.UserId!.Value, request.Id), cancellationToken),
            };
        }
    }
}
