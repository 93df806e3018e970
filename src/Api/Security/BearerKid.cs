using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace MusicPlayer.Api.Security;

/// <summary>
/// The <c>kid</c> in the header of the request's bearer token, read without validating anything (to know whether the
/// key ring must reload). Only the header segment is decoded: the payload's claims are of no use here (parsing the
/// whole token for this was about a twentieth of a signed-in read's CPU, docs/performance.md).
/// </summary>
internal static class BearerKid
{
    /// <summary>Headers longer than this are not looked into (ours are well under 200 bytes); validation answers them.</summary>
    private const int MaxHeaderChars = 4096;

    public static string? Of(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        return FromToken(authorization.AsSpan(scheme.Length).Trim());
    }

    /// <summary>The header's <c>kid</c> string; null when there is none or the header is not base64url JSON.</summary>
    internal static string? FromToken(ReadOnlySpan<char> token)
    {
        var end = token.IndexOf('.');
        if (end <= 0 || end > MaxHeaderChars) return null;
        var encoded = token[..end];

        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(encoded.Length));
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out var written) != OperationStatus.Done) return null;
            return KidOf(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? KidOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? kid = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKid = reader.ValueTextEquals("kid"u8);
                reader.Read();
                if (isKid) kid = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                else reader.Skip();
            }

            // Only one whole object counts: a truncated header, or anything after it, is malformed (validation answers it).
            return reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read() ? kid : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
