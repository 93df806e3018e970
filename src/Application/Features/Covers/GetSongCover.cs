using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Covers;

/// <summary>A song's stored cover image; 404 when it has none. Public.</summary>
public static class GetSongCover
{
    public sealed record Query(int Id) : IRequest<CoverContent>;

    internal sealed class Handler(IReadRepository<Song> items, IAudioStore store) : IRequestHandler<Query, CoverContent>
    {
        public Task<CoverContent> Handle(Query request, CancellationToken cancellationToken) =>
            Covers.OpenAsync(items, store, request.Id, cancellationToken);
    }
}
