namespace MusicPlayer.Application.Common.Audio;

/// <summary>How large an uploaded audio file may be (<c>Uploads:MaxBytes</c>); beyond it, <see cref="Errors.PayloadTooLargeException"/>.</summary>
public sealed record UploadLimits(long MaxBytes = UploadLimits.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 200L * 1024 * 1024;
}
