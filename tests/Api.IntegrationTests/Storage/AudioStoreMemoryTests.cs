using Microsoft.Extensions.Logging.Abstractions;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure.Storage;
using Xunit.Abstractions;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary>Allocation is counted process-wide: these run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurementCollection
{
    public const string Name = "Allocation measurements";
}

/// <summary>
/// Writing a 50 MB upload (a non-seekable generated stream) holds a buffer, never the file: the
/// bytes allocated while it is stored are a small fraction of its size. Measured with
/// <see cref="GC.GetTotalAllocatedBytes"/> over the whole process, alone in its collection.
/// </summary>
[Collection(AllocationMeasurementCollection.Name)]
public sealed class AudioStoreMemoryTests(ITestOutputHelper output)
{
    private const long Size = 50L * 1000 * 1000;

    private async Task<long> AllocatedWhileWritingAsync(IAudioStore store)
    {
        await store.WriteAsync(new GeneratedStream(100_000, seed: 3), long.MaxValue, CancellationToken.None); // JIT and first-use allocations
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stored = await store.WriteAsync(new GeneratedStream(Size, seed: 5), long.MaxValue, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        stored.Size.Should().Be(Size);
        output.WriteLine($"{store.Backend}: {allocated:N0} bytes allocated while writing {Size:N0}");
        return allocated;
    }

    [Fact]
    public async Task FileSystem_Writing50MB_AllocatesLessThan2MB()
    {
        var root = Path.Combine(Path.GetTempPath(), $"musicplayer-storage-{Guid.NewGuid():N}");
        try
        {
            var allocated = await AllocatedWhileWritingAsync(new FileSystemAudioStore(root, TimeProvider.System, NullLogger<FileSystemAudioStore>.Instance));

            allocated.Should().BeLessThan(2 * 1024 * 1024);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task S3_Writing50MB_AllocatesAboutOnePart()
    {
        var server = await S3TestServer.GetAsync();
        var bucket = $"t-{Guid.NewGuid():N}";
        var options = new S3StorageOptions(server.Url.ToString(), bucket, S3TestServer.AccessKey, S3TestServer.SecretKey, "us-east-1", true);
        using var store = new S3AudioStore(options, TimeProvider.System, NullLogger<S3AudioStore>.Instance);
        using (var client = options.CreateClient()) await client.PutBucketAsync(bucket);

        var allocated = await AllocatedWhileWritingAsync(store);

        allocated.Should().BeLessThan(store.PartSize + 8 * 1024 * 1024, "one part buffer and the SDK's requests, not the file");
    }
}
