using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// Any S3-compatible object store (<c>Storage:Backend=S3</c>: AWS, MinIO, s3rver in the tests), in
/// one bucket, objects at <c>objects/ab/cd/&lt;sha256&gt;</c> as on disk.
/// <para>
/// A write reads the body into one buffer of <see cref="PartSize"/> bytes at a time while hashing
/// and counting it, so a write holds one part in memory whatever the file's size. A body that fits
/// one part is hashed before it is sent and PUT straight to its final key (one PUT is atomic in S3).
/// A larger body goes part by part into a multipart upload to <c>tmp/&lt;guid&gt;</c> (invisible
/// under any content key until completed), is copied to its content key once its hash is known
/// (CopyObject: objects up to 5 GiB; a multipart copy for larger ones is not implemented, such a
/// write is refused and removed) and the temporary object is deleted. A failure aborts the upload
/// or deletes the temporary object. Incomplete multipart uploads left by a crash are for the
/// bucket's lifecycle rule (AbortIncompleteMultipartUpload) to remove, and <c>tmp/</c> objects for
/// an expiration rule on that prefix.
/// </para>
/// </summary>
internal sealed class S3AudioStore : IAudioStore, IDisposable
{
    public const string Name = "S3";

    /// <summary>S3's smallest part (all but the last part of a multipart upload are at least this).</summary>
    internal const int MinimumPartSize = 5 * 1024 * 1024;

    internal const int DefaultPartSize = 8 * 1024 * 1024;

    /// <summary>The largest object one CopyObject request copies.</summary>
    internal const long MaxCopySize = 5L * 1024 * 1024 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly bool _ownsClient;
    private readonly Protocol _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public S3AudioStore(S3StorageOptions options, TimeProvider timeProvider, ILogger<S3AudioStore> logger)
        : this(options.CreateClient(), ownsClient: true, options.Bucket, options.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
            timeProvider, logger)
    {
    }

    internal S3AudioStore(IAmazonS3 s3, bool ownsClient, string bucket, Protocol protocol, TimeProvider timeProvider, ILogger logger,
        int partSize = DefaultPartSize)
    {
        if (partSize < MinimumPartSize) throw new ArgumentOutOfRangeException(nameof(partSize), partSize, "S3 parts are at least 5 MiB.");
        _s3 = s3;
        _ownsClient = ownsClient;
        Bucket = bucket;
        _protocol = protocol;
        _time = timeProvider;
        _logger = logger;
        PartSize = partSize;
    }

    public string Backend => Name;

    public string Bucket { get; }

    /// <summary>Bytes per part of a multipart upload, and so the memory one write holds.</summary>
    public int PartSize { get; }

    internal const string TemporaryPrefix = "tmp/";

    public async Task<StoredObject> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var buffer = new byte[PartSize];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;

        async Task<int> FillAsync()
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes) throw FileSystemAudioStore.TooLarge(maxBytes);
                if (size > MaxCopySize)
                    throw new NotSupportedException("Objects larger than 5 GiB need a multipart copy, which this store does not implement.");
                hash.AppendData(buffer, filled, read);
                filled += read;
            }
            return filled;
        }

        var filled = await FillAsync();
        if (filled < buffer.Length)
        {
            // The whole body is in the buffer: its key is known before anything is sent.
            var key = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (await GetSizeAsync(key, cancellationToken) is null)
                await PutAsync(StorageKeys.ObjectName(key), buffer, filled, cancellationToken);
            return new StoredObject(key, size, key);
        }

        var temporary = TemporaryPrefix + Guid.NewGuid().ToString("N");
        var upload = await _s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = Bucket, Key = temporary }, cancellationToken);
        var completed = false;
        try
        {
            var parts = new List<PartETag>();
            do
            {
                using var part = new MemoryStream(buffer, 0, filled, writable: false);
                var response = await _s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Bucket, Key = temporary, UploadId = upload.UploadId, PartNumber = parts.Count + 1,
                    InputStream = part, PartSize = filled, UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, response.ETag));
            } while ((filled = await FillAsync()) > 0);

            await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket, Key = temporary, UploadId = upload.UploadId, PartETags = parts,
            }, cancellationToken);
            completed = true;

            var key = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (await GetSizeAsync(key, cancellationToken) is null)
            {
                await _s3.CopyObjectAsync(new CopyObjectRequest
                {
                    SourceBucket = Bucket, SourceKey = temporary, DestinationBucket = Bucket, DestinationKey = StorageKeys.ObjectName(key),
                }, cancellationToken);
            }
            await _s3.DeleteObjectAsync(Bucket, temporary, cancellationToken);
            return new StoredObject(key, size, key);
        }
        catch
        {
            await CleanUpAsync(temporary, upload.UploadId, completed);
            throw;
        }
    }

    private async Task PutAsync(string objectName, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, count, writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket, Key = objectName, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false,
            ContentType = "application/octet-stream",
        }, cancellationToken);
    }

    /// <summary>Best effort, and not cancellable: the caller's failure is the one that matters.</summary>
    private async Task CleanUpAsync(string temporary, string uploadId, bool completed)
    {
        try
        {
            if (completed)
                await _s3.DeleteObjectAsync(Bucket, temporary, CancellationToken.None);
            else
                await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Bucket, Key = temporary, UploadId = uploadId },
                    CancellationToken.None);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            _logger.LogWarning(e, "The temporary upload {Key} ({UploadId}) of a failed write could not be removed from bucket {Bucket}",
                temporary, uploadId, Bucket);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A length cannot be negative.");
        var objectName = StorageKeys.ObjectName(key);
        if (length == 0)
        {
            // HTTP cannot ask for no bytes: check the object is there and answer empty.
            return await GetSizeAsync(key, cancellationToken) is null ? throw FileSystemAudioStore.Missing(key) : Stream.Null;
        }
        var request = new GetObjectRequest { BucketName = Bucket, Key = objectName };
        if (offset > 0 || length is not null)
            request.ByteRange = length is null ? new ByteRange($"bytes={offset}-") : new ByteRange(offset, offset + length.Value - 1);
        try
        {
            var response = await _s3.GetObjectAsync(request, cancellationToken);
            return new BoundedReadStream(response.ResponseStream, length, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw FileSystemAudioStore.Missing(key);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The range starts at or past the end: nothing to read, as with a file.
            return Stream.Null;
        }
    }

    public async Task<IByteSource> OpenRandomAccessAsync(string key, CancellationToken cancellationToken)
    {
        var size = await GetSizeAsync(key, cancellationToken) ?? throw FileSystemAudioStore.Missing(key);
        return new S3ByteSource(this, StorageKeys.ObjectName(key), size);
    }

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var objectName = StorageKeys.ObjectName(key);
        try
        {
            var metadata = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = objectName }, cancellationToken);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // S3 answers a delete of a missing key with 204 too.
        await _s3.DeleteObjectAsync(Bucket, StorageKeys.ObjectName(key), cancellationToken);
    }

    /// <summary>
    /// A SigV4 presigned GET, computed locally (no request): valid for <paramref name="lifetime"/>
    /// (S3 takes up to 7 days), answered with <paramref name="contentType"/> as its Content-Type.
    /// </summary>
    public Uri? PresignGet(string key, TimeSpan lifetime, string contentType)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(7))
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A presigned URL lives more than no time and at most 7 days.");
        var request = new GetPreSignedUrlRequest
        {
            BucketName = Bucket, Key = StorageKeys.ObjectName(key), Verb = HttpVerb.GET, Protocol = _protocol,
            // The signature counts whole seconds from the SDK's own clock, which corrects for the store's clock skew
            // and may be up to a second behind ours: a second less than asked keeps the URL from ever living longer.
            Expires = TruncateToSecond(_time.GetUtcNow()).Add(lifetime).AddSeconds(-1).UtcDateTime,
        };
        request.ResponseHeaderOverrides.ContentType = contentType;
        return new Uri(_s3.GetPreSignedURL(request));
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>One ranged GET of <paramref name="count"/> bytes at <paramref name="offset"/> into <paramref name="buffer"/>.</summary>
    internal async Task ReadRangeAsync(string objectName, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var response = await _s3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = Bucket, Key = objectName, ByteRange = new ByteRange(offset, offset + buffer.Length - 1),
        }, cancellationToken);
        await using var body = response.ResponseStream;
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        if (read < buffer.Length)
            throw new IOException($"The stored object {objectName} ended after {offset + read} bytes, before its recorded size.");
    }

    public void Dispose()
    {
        if (_ownsClient) _s3.Dispose();
    }
}
