using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Streaming;

/// <summary>
/// A song's stream URL that needs no token (for an audio element or a casting device): the absolute
/// stream URL with its expiry and an HMAC signature bound to the song, valid <c>Streaming:SignedUrlMinutes</c>.
/// 404 when the song does not exist or has no stored audio.
/// </summary>
public static class GetStreamUrl
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<StreamUrlDto>;

    internal sealed class Handler(
        IReadRepository<Song> songs, IStreamUrlSigner signer, ISongUrls urls, StreamingOptions options, TimeProvider clock)
        : IRequestHandler<Query, StreamUrlDto>
    {
        public async Task<StreamUrlDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var audio = await songs.FirstOrThrowAsync(new SongAudioSpec(request.Id), request.Id, cancellationToken);
            if (audio.StorageKey is null) throw new NotFoundException("Audio of song", request.Id);
            var expires = clock.GetUtcNow().Add(options.SignedUrlLifetime).ToUnixTimeSeconds();
            return new StreamUrlDto(urls.SignedStream(request.Id, expires, signer.Sign(request.Id, expires)),
                DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime);
        }
    }
}
