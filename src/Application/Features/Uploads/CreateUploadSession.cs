using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// The first of three upload steps: declares a file (name, size, optionally its SHA-256) and answers the
/// signed URL its bytes are PUT to, valid for <c>Uploads:SessionMinutes</c>. A size over
/// <c>Uploads:MaxBytes</c> is a 413. Admins only.
/// </summary>
public static class CreateUploadSession
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(string? FileName, long Size, string? Sha256) : IRequest<UploadSessionDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).RequiredText(UploadSession.FileNameMaxLength);
            RuleFor(c => c.Size).GreaterThan(0);
            RuleFor(c => c.Sha256).Must(s => s is null || UploadSession.IsSha256(s))
                .WithMessage("'Sha256' must be 64 hexadecimal digits.");
        }
    }

    internal sealed class Handler(
        IRepository<UploadSession> sessions, UploadLimits limits, ICurrentUser currentUser, IUploadUrlSigner signer,
        IUploadSessionUrls urls, TimeProvider clock)
        : IRequestHandler<Command, UploadSessionDto>
    {
        public async Task<UploadSessionDto> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Size > limits.MaxBytes)
                throw new PayloadTooLargeException($"A file must not exceed {limits.MaxBytes} bytes.");
            var now = clock.GetUtcNow().UtcDateTime;
            // Whole seconds: the URL carries the expiry in Unix seconds, and the session ends with it.
            now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            var session = UploadSession.Create(request.FileName!, request.Size, request.Sha256, currentUser.RequiredUserId, now,
                limits.SessionLifetime);
            sessions.Add(session);
            await sessions.SaveChangesAsync(cancellationToken);

            var expires = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero).ToUnixTimeSeconds();
            var url = urls.Content(session.Id, expires, signer.Sign(session.Id, expires));
            return new UploadSessionDto(session.Id, url, "PUT",
                new UploadHeaders("application/octet-stream"), session.ExpiresAt);
        }
    }
}
