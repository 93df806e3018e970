using System.Globalization;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// The second upload step: the session's bytes, sent to its signed URL (no bearer token; the signature
/// is the credential: a wrong or expired one is a 403). They are streamed into the store, at most the
/// declared size of them (more is a 413); fewer than declared, or a SHA-256 other than the declared one,
/// is a 409. Whatever is refused is not kept (unless a song or another session holds the same bytes). Sending again replaces what an earlier PUT stored.
/// </summary>
public static class PutUploadSessionContent
{
    public sealed record Command(int Id, string? Expires, string? Signature, Stream Body) : IRequest<UploadSessionContentDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).NotNull();
    }

    internal sealed class Handler(
        IRepository<UploadSession> sessions, IAudioStore store, AudioLibrary library, IUploadUrlSigner signer, TimeProvider clock)
        : IRequestHandler<Command, UploadSessionContentDto>
    {
        public async Task<UploadSessionContentDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            if (!long.TryParse(request.Expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                || request.Signature is not { Length: > 0 } signature
                || !signer.IsValid(request.Id, expires, signature))
                throw new ForbiddenException("The upload URL's signature is not valid.");
            if (expires <= now.ToUnixTimeSeconds())
                throw new ForbiddenException("The upload URL has expired.");

            var session = await sessions.GetByIdOrThrowAsync(request.Id, cancellationToken);
            if (session.IsExpired(now.UtcDateTime)) throw new ForbiddenException("The upload URL has expired.");
            if (session.IsCompleted) throw new ConflictException("The upload session is already complete.");

            var stored = await store.WriteAsync(request.Body, session.Size, cancellationToken);
            var previous = session.StoredKey;
            try
            {
                if (stored.Size != session.Size)
                    throw new ConflictException($"The upload session expects {session.Size} bytes; {stored.Size} arrived.");
                if (session.Sha256 is { } declared && !string.Equals(declared, stored.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new ConflictException("The bytes' SHA-256 differs from the one declared for the session.");
                session.Receive(stored.Key, stored.Size, stored.Sha256);
                await sessions.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // Bytes this session already held stay with it; others go unless something else holds them.
                if (stored.Key != previous) await library.ReleaseAsync(stored.Key);
                throw;
            }
            // The session no longer holds what an earlier PUT stored.
            if (previous is not null && previous != stored.Key) await library.ReleaseAsync(previous);
            return new UploadSessionContentDto(session.Id, stored.Size, stored.Sha256, session.ExpiresAt);
        }
    }
}
