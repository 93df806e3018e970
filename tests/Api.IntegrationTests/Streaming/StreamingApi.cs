using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MusicPlayer.Api.IntegrationTests.Storage;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Streaming;

/// <summary>Songs with stored audio to stream: generated PCM WAV files (any size, distinct per seed) uploaded over HTTP.</summary>
internal static class StreamingApi
{
    public static string Stream(int id) => $"/api/v1/songs/{id}/stream";

    public static string StreamUrl(int id) => $"/api/v1/songs/{id}/stream-url";

    /// <summary>A 44.1 kHz 16-bit stereo WAV of <paramref name="totalBytes"/> bytes (header included) of pseudo-random samples.</summary>
    public static byte[] Wav(int totalBytes, ulong seed)
    {
        var bytes = GeneratedStream.Bytes(totalBytes, seed);
        var data = totalBytes - 44;
        var header = bytes.AsSpan(0, 44);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], totalBytes - 8);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], 44_100);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], 44_100 * 4);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 4);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], data);
        return bytes;
    }

    /// <summary>Uploads <paramref name="bytes"/> as admin and answers the song's id.</summary>
    public static async Task<int> UploadAsync(this MusicPlayerFactory factory, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "stream-test.wav");
        var response = await factory.AsAdmin().PostAsync("/api/v1/uploads", form);
        response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>The signed stream URL of song <paramref name="id"/>, as a user asks for it.</summary>
    public static async Task<(Uri Url, DateTime ExpiresAt)> SignedUrlAsync(this MusicPlayerFactory factory, int id)
    {
        var body = await factory.AsUser().GetFromJsonAsync<JsonElement>(StreamUrl(id));
        return (new Uri(body.GetProperty("url").GetString()!), body.GetProperty("expiresAt").GetDateTime());
    }
}
