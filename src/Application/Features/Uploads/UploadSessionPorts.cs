using System.Text.Json.Serialization;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// Signs and checks the expiring URL an upload session's bytes are sent to: an HMAC-SHA256 over the
/// session's id and the expiry, with a key only the service holds.
/// </summary>
public interface IUploadUrlSigner
{
    /// <summary>The signature (base64url) of the session's URL expiring at <paramref name="expires"/> (Unix seconds).</summary>
    string Sign(int sessionId, long expires);

    /// <summary>True when <paramref name="signature"/> is the signature of that id and expiry (compared in constant time).</summary>
    bool IsValid(int sessionId, long expires, string signature);
}

/// <summary>The absolute URL a session's bytes are PUT to, under the service's public address.</summary>
public interface IUploadSessionUrls
{
    string Content(int sessionId, long expires, string signature);
}

/// <summary>A created upload session: where to send the bytes, how (method and headers), and until when.</summary>
public sealed record UploadSessionDto(int Id, string UploadUrl, string Method, UploadHeaders Headers, DateTime ExpiresAt);

/// <summary>The headers the PUT of a session's bytes carries.</summary>
public sealed record UploadHeaders([property: JsonPropertyName("Content-Type")] string ContentType);

/// <summary>What a session received: its bytes' size and SHA-256, and until when it may be completed.</summary>
public sealed record UploadSessionContentDto(int Id, long Size, string Sha256, DateTime ExpiresAt);
