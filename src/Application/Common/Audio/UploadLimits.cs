namespace MusicPlayer.Application.Common.Audio;

/// <summary>
/// How large an uploaded audio file may be (<c>Uploads:MaxBytes</c>; beyond it, <see cref="Errors.PayloadTooLargeException"/>)
/// and how long an upload session takes bytes (<c>Uploads:SessionMinutes</c>).
/// </summary>
public sealed record UploadLimits(long MaxBytes = UploadLimits.DefaultMaxBytes, int SessionMinutes = UploadLimits.DefaultSessionMinutes)
{
    public const long DefaultMaxBytes = 200L * 1024 * 1024;
    public const int DefaultSessionMinutes = 60;

    public TimeSpan SessionLifetime => TimeSpan.FromMinutes(SessionMinutes);
}
