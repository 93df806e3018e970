using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// The embedded store (<c>Storage:Backend=FileSystem</c>): objects are files under <see cref="Root"/>
/// at <c>objects/ab/cd/&lt;sha256&gt;</c>. A write goes to <c>tmp/&lt;guid&gt;</c> under the same root
/// (so the same volume) while it is hashed and counted, is flushed to disk, and is then renamed into
/// place without overwriting: the rename is atomic, so a reader sees a whole object or none. Two
/// writers of the same bytes race harmlessly: the loser finds the object there and drops its copy.
/// Temporary files left by a crash are deleted when the store is created, once an hour old.
/// </summary>
internal sealed class FileSystemAudioStore : IAudioStore
{
    public const string Name = "FileSystem";

    /// <summary>Bytes copied per write to the file: the only buffer a write holds.</summary>
    internal const int CopyBufferSize = 1024 * 1024;

    /// <summary>Temporary files older than this are left-overs of a crash, not writes in progress.</summary>
    internal static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromHours(1);

    private readonly ILogger _logger;

    public FileSystemAudioStore(string root, TimeProvider timeProvider, ILogger<FileSystemAudioStore> logger)
    {
        Root = Path.GetFullPath(root);
        _logger = logger;
        DeleteStaleTemporaryFiles(timeProvider.GetUtcNow() - StaleTemporaryAge);
    }

    public string Backend => Name;

    /// <summary>The absolute folder that holds <c>objects/</c> and <c>tmp/</c>.</summary>
    public string Root { get; }

    internal string TemporaryFolder => Path.Combine(Root, "tmp");

    /// <summary>The file of the object under <paramref name="key"/>; throws for anything that is not a key.</summary>
    internal string PathOf(string key) => Path.Combine(Root, StorageKeys.ObjectName(key).Replace('/', Path.DirectorySeparatorChar));

    public async Task<StoredObject> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        Directory.CreateDirectory(TemporaryFolder);
        var temporary = Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N"));
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var file = new FileStream(temporary, new FileStreamOptions
                         {
                             Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None,
                             Options = FileOptions.Asynchronous, BufferSize = 0,
                         }))
            {
                int read;
                // Whole buffers: a request body arrives in pieces of a few KiB, and each write to the file costs a call.
                while ((read = await content.ReadAtLeastAsync(
                           buffer.AsMemory(0, CopyBufferSize), CopyBufferSize, throwOnEndOfStream: false, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw TooLarge(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                // On disk before it gets its name: after a crash a key never names a torn file.
                file.Flush(flushToDisk: true);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same bytes are stored already (or were, a moment ago, by a concurrent writer).
                File.Delete(temporary);
            }
            return new StoredObject(sha256, size, sha256);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static PayloadTooLargeException TooLarge(long maxBytes) =>
        new($"The file is larger than the {maxBytes} bytes allowed.");

    public Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A length cannot be negative.");
        var file = Open(key, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            file.Position = offset;
            return Task.FromResult<Stream>(length is null ? file : new BoundedReadStream(file, length));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task<IByteSource> OpenRandomAccessAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous | FileOptions.RandomAccess);
            return Task.FromResult<IByteSource>(new FileByteSource(handle));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing(key);
        }
    }

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Never stored: nothing to remove.
        }
        return Task.CompletedTask;
    }

    /// <summary>Files cannot be presigned: the API serves them itself.</summary>
    public Uri? PresignGet(string key, TimeSpan lifetime, string contentType)
    {
        StorageKeys.ObjectName(key);
        return null;
    }

    private FileStream Open(string key, FileOptions options)
    {
        var path = PathOf(key);
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete, Options = options,
                // Unbuffered: readers (a stream response, a cover) read in large blocks of their own, and an async read
                // through FileStream's own 4 KiB buffer would be serialized behind its lock for nothing.
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Missing(key);
        }
    }

    /// <summary>A key with no object: the caller's record points at bytes that are gone (404, not 500).</summary>
    internal static NotFoundException Missing(string key) => new("Stored audio", key);

    private void DeleteStaleTemporaryFiles(DateTimeOffset olderThan)
    {
        if (!Directory.Exists(TemporaryFolder)) return;
        try
        {
            foreach (var file in new DirectoryInfo(TemporaryFolder).EnumerateFiles())
                if (file.LastWriteTimeUtc < olderThan.UtcDateTime)
                    TryDelete(file.FullName);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Stale temporary files under {Folder} could not be listed", TemporaryFolder);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The temporary file {Path} could not be deleted", path);
        }
    }

    /// <summary>Positioned reads on one open handle (<see cref="RandomAccess"/>): no shared file position, no buffering.</summary>
    private sealed class FileByteSource(SafeFileHandle handle) : IByteSource
    {
        public long Length { get; } = RandomAccess.GetLength(handle);

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            var done = 0;
            while (done < buffer.Length && offset + done < Length)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer[done..], offset + done, cancellationToken);
                if (read == 0) break;
                done += read;
            }
            return done;
        }

        public ValueTask DisposeAsync()
        {
            handle.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
