using System.Globalization;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Streaming;

/// <summary>
/// Opens a song's stored audio for streaming. Access is a signed-in caller or a signed URL, so the request
/// itself is public (no <see cref="AuthorizeAttribute"/>) and the handler decides, before looking anything
/// up: a signature given (<c>expires</c> or <c>sig</c> present) must be this song's, unexpired, or it is a
/// 403, whoever asks; without one the caller must be signed in (401). Then: 404 when the song or its audio
/// is missing; a redirect to a presigned URL of at most five minutes when the store can presign and
/// <see cref="StreamingOptions.RedirectToStore"/> is on; else the object to serve, holding one of the
/// bounded stream slots (503 when none is free). The song's row comes from <see cref="SongAudioRows"/>, so a player's
/// many range requests cost one query a second.
/// </summary>
public static class OpenSongStream
{
    public sealed record Query(int Id, string? Expires = null, string? Signature = null) : IRequest<SongStream>;

    internal sealed class Handler(
        IReadRepository<Song> songs, SongAudioRows rows, IAudioStore store, IStreamUrlSigner signer, ICurrentUser currentUser,
        StreamingOptions options, StreamSlots slots, TimeProvider clock) : IRequestHandler<Query, SongStream>
    {
        public async Task<SongStream> Handle(Query request, CancellationToken cancellationToken)
        {
            if (request.Expires is not null || request.Signature is not null)
                CheckSignature(request);
            else if (currentUser.UserId is null)
                throw new UnauthenticatedException("A bearer token or a signed stream URL is required.");

            var row = await rows.GetAsync(request.Id, ct => songs.FirstOrThrowAsync(new SongAudioSpec(request.Id), request.Id, ct), cancellationToken);
            if (row is not { StorageKey: { } key, MimeType: { } mimeType, Size: { } size, Sha256: { } sha256 })
                throw new NotFoundException("Audio of song", request.Id);
            var lastModified = DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc);

            if (options.RedirectToStore && store.PresignGet(key, StreamingOptions.MaxRedirectLifetime, mimeType) is { } url)
                return SongStream.RedirectTo(url, mimeType, size, sha256, lastModified);
            return SongStream.Serve(store, key, mimeType, size, sha256, lastModified, slots.Take());
        }

        private void CheckSignature(Query request)
        {
            if (!long.TryParse(request.Expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || request.Signature is not { Length: > 0 } signature
                || !signer.IsValid(request.Id, expires, signature))
                throw new ForbiddenException("The stream URL's signature is not valid for this song.");
            if (expires <= clock.GetUtcNow().ToUnixTimeSeconds())
                throw new ForbiddenException("The stream URL has expired.");
        }
    }
}
