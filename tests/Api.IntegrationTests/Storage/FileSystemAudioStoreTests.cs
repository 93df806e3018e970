using Microsoft.Extensions.Logging.Abstractions;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary>The contract on a fresh folder, and what is particular to files: layout, temporary files, no presigning.</summary>
public sealed class FileSystemAudioStoreTests : AudioStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"musicplayer-storage-{Guid.NewGuid():N}");

    private FileSystemAudioStore FileStore => (FileSystemAudioStore)Store;

    protected override Task<IAudioStore> CreateStoreAsync() => Task.FromResult<IAudioStore>(NewStore());

    private FileSystemAudioStore NewStore() => new(_root, TimeProvider.System, NullLogger<FileSystemAudioStore>.Instance);

    protected override Task<IReadOnlyList<string>> ListEverythingAsync() =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f)).ToList()
            : []);

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Objects_AreFiles_UnderTheirHash_ShardedByItsFirstTwoBytes()
    {
        var stored = await WriteAsync([1, 2, 3]);

        var expected = Path.Combine("objects", stored.Key[..2], stored.Key[2..4], stored.Key);
        (await ListEverythingAsync()).Should().Equal(expected);
        (await File.ReadAllBytesAsync(Path.Combine(_root, expected))).Should().Equal(1, 2, 3);
        Directory.EnumerateFileSystemEntries(FileStore.TemporaryFolder).Should().BeEmpty();
    }

    [Fact]
    public async Task WhileAWriteIsUnderway_OnlyATemporaryFileExists()
    {
        var bytes = GeneratedStream.Bytes(400_000);
        var gate = new GatedStream(new MemoryStream(bytes), pauseAfter: 200_000);

        var write = Task.Run(() => Store.WriteAsync(gate, long.MaxValue, CancellationToken.None));
        (await gate.Paused.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();

        (await ListEverythingAsync()).Should().ContainSingle().Which.Should().StartWith("tmp" + Path.DirectorySeparatorChar);
        (await Store.GetSizeAsync(Sha256(bytes), CancellationToken.None)).Should().BeNull("a half-written object is never visible");
        gate.Resume.Release();
        var stored = await write;
        (await ListEverythingAsync()).Should().ContainSingle().Which.Should().EndWith(stored.Key);
    }

    [Fact]
    public async Task AnOpenReader_KeepsItsBytes_WhenTheObjectIsDeleted()
    {
        var bytes = GeneratedStream.Bytes(10_000);
        var stored = await WriteAsync(bytes);

        await using var source = await Store.OpenRandomAccessAsync(stored.Key, CancellationToken.None);
        await Store.DeleteAsync(stored.Key, CancellationToken.None);

        var buffer = new byte[100];
        (await source.ReadAsync(9_950, buffer, CancellationToken.None)).Should().Be(50);
        buffer[..50].Should().Equal(bytes[9_950..]);
    }

    [Fact]
    public void StaleTemporaryFiles_AreDeleted_WhenTheStoreStarts_AndRecentOnesKept()
    {
        Directory.CreateDirectory(FileStore.TemporaryFolder);
        var stale = Path.Combine(FileStore.TemporaryFolder, Guid.NewGuid().ToString("N"));
        var recent = Path.Combine(FileStore.TemporaryFolder, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(stale, [1]);
        File.WriteAllBytes(recent, [2]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - FileSystemAudioStore.StaleTemporaryAge - TimeSpan.FromMinutes(1));

        NewStore();

        File.Exists(stale).Should().BeFalse();
        File.Exists(recent).Should().BeTrue("a write may be under way");
    }

    [Fact]
    public async Task ARangeOfTheEmptyObject_IsEmpty()
    {
        var stored = await WriteAsync([]);

        (await ReadAllAsync(stored.Key, 0, 10)).Should().BeEmpty();
        (await ReadAllAsync(stored.Key, 5, null)).Should().BeEmpty();
    }

    [Fact]
    public void ANewStore_CreatesNoFolderUntilItWrites()
    {
        Directory.Exists(_root).Should().BeFalse();
    }

    [Fact]
    public async Task PresignGet_IsNull_TheApiServesFilesItself()
    {
        var stored = await WriteAsync([9]);

        Store.PresignGet(stored.Key, TimeSpan.FromMinutes(5), "audio/mpeg").Should().BeNull();
        Store.Backend.Should().Be("FileSystem");
    }

    /// <summary>Hands out bytes until <c>pauseAfter</c>, then waits for <see cref="Resume"/>.</summary>
    private sealed class GatedStream(Stream inner, int pauseAfter) : Stream
    {
        private long _read;
        private bool _paused;

        public SemaphoreSlim Paused { get; } = new(0);
        public SemaphoreSlim Resume { get; } = new(0);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= pauseAfter && !_paused)
            {
                _paused = true;
                Paused.Release();
                await Resume.WaitAsync(cancellationToken);
            }
            var allowed = _read < pauseAfter ? (int)Math.Min(buffer.Length, pauseAfter - _read) : buffer.Length;
            var read = await inner.ReadAsync(buffer[..allowed], cancellationToken);
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
