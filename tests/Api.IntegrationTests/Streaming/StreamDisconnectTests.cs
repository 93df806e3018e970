using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Features.Streaming;

namespace MusicPlayer.Api.IntegrationTests.Streaming;

/// <summary>
/// A listener that goes away mid-stream, over a real Kestrel socket: the file it was reading is closed and
/// its stream slot given back at once, not when the whole file would have been sent.
/// </summary>
public sealed class StreamDisconnectTests(KestrelMusicPlayerFactory factory) : IClassFixture<KestrelMusicPlayerFactory>
{
    private const int Size = 24 * 1024 * 1024;

    /// <summary>How many of this process's file descriptors are open on <paramref name="path"/> (Linux: /proc/self/fd).</summary>
    private static int OpenHandlesOn(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd =>
            {
                try
                {
                    return fd.LinkTarget == path;
                }
                catch (IOException)
                {
                    return false; // closed while listing
                }
            });

    private static async Task EventuallyAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        condition().Should().BeTrue(because);
    }

    [Fact]
    public async Task ClientThatDisconnectsMidStream_ClosesTheFileAndFreesItsSlot()
    {
        var bytes = StreamingApi.Wav(Size, seed: 0x5EED_00DC);
        var id = await factory.UploadAsync(bytes);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var file = Path.Combine(factory.StorageRoot, "objects", sha256[..2], sha256[2..4], sha256);
        File.Exists(file).Should().BeTrue();
        var slots = factory.Services.GetRequiredService<StreamSlots>();
        var server = factory.AsUser().BaseAddress!;

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(server.Host, server.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"GET {StreamingApi.Stream(id)} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {factory.User.Token()}\r\n\r\n"));
            var buffer = new byte[64 * 1024];
            var received = 0;
            while (received < buffer.Length)
                received += await socket.ReceiveAsync(buffer.AsMemory(received));
            Encoding.ASCII.GetString(buffer, 0, 15).Should().Be("HTTP/1.1 200 OK");

            // The server is now blocked writing what this client does not read, with the file open.
            await EventuallyAsync(() => OpenHandlesOn(file) == 1, "the stream holds the file open while it sends");
            slots.InUse.Should().Be(1);

            socket.LingerState = new LingerOption(true, 0); // a reset, as a client that dies sends
        }

        await EventuallyAsync(() => slots.InUse == 0, "the slot comes back when the client goes");
        await EventuallyAsync(() => OpenHandlesOn(file) == 0, "the file is closed when the client goes");
    }
}
