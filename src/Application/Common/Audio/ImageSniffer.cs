namespace MusicPlayer.Application.Common.Audio;

/// <summary>Recognises the image formats a cover may have from its first bytes, never from a name or a declared type.</summary>
public static class ImageSniffer
{
    /// <summary>How many leading bytes <see cref="MimeTypeOf"/> needs.</summary>
    public const int HeadBytes = 12;

    /// <summary><c>image/jpeg</c>, <c>image/png</c> or <c>image/webp</c>; null for anything else.</summary>
    public static string? MimeTypeOf(ReadOnlySpan<byte> head)
    {
        if (head is [0xFF, 0xD8, 0xFF, ..]) return "image/jpeg";
        if (head is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..]) return "image/png";
        if (head is [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..]) return "image/webp";
        return null;
    }
}

/// <summary>The bytes are not an image the service takes as a cover (415).</summary>
public sealed class UnsupportedImageException()
    : Errors.AppException("A cover must be a JPEG, PNG or WebP image (recognised from its bytes).");
