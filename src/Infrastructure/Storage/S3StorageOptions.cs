using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// <c>Storage:S3:*</c>: <c>ServiceUrl</c> (an S3-compatible endpoint such as MinIO; unset means AWS
/// in <c>Region</c>), <c>Bucket</c> (required), <c>AccessKey</c> and <c>SecretKey</c> (unset: the AWS
/// SDK's default credential chain: environment, profile, instance role), <c>Region</c>
/// (<c>us-east-1</c>), <c>ForcePathStyle</c> (<c>true</c>: what MinIO and most S3-compatible stores need).
/// </summary>
internal sealed record S3StorageOptions(string? ServiceUrl, string Bucket, string? AccessKey, string? SecretKey, string Region, bool ForcePathStyle)
{
    public const string Section = "Storage:S3";

    public static S3StorageOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var bucket = section["Bucket"];
        if (string.IsNullOrWhiteSpace(bucket))
            throw new InvalidOperationException("Storage:Backend is S3 but Storage:S3:Bucket is not set.");
        var serviceUrl = section["ServiceUrl"] is { Length: > 0 } url ? url : null;
        if (serviceUrl is not null && !(Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw new InvalidOperationException($"Storage:S3:ServiceUrl '{serviceUrl}' is not an absolute http or https URL.");
        var accessKey = section["AccessKey"] is { Length: > 0 } a ? a : null;
        var secretKey = section["SecretKey"] is { Length: > 0 } s ? s : null;
        if ((accessKey is null) != (secretKey is null))
            throw new InvalidOperationException("Storage:S3:AccessKey and Storage:S3:SecretKey are set together, or neither (the AWS default credentials).");
        return new S3StorageOptions(serviceUrl, bucket, accessKey, secretKey,
            section["Region"] is { Length: > 0 } region ? region : "us-east-1",
            section.GetValue("ForcePathStyle", true));
    }

    /// <summary>Never prints the secret key (a record's generated ToString would).</summary>
    public override string ToString() => $"bucket {Bucket} at {ServiceUrl ?? "AWS " + Region}";

    public bool UsesHttp => ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;

    public AmazonS3Config CreateConfig()
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible stores (s3rver, older MinIO) reject
            // or mangle the trailing checksums the SDK adds by default since 2025.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (ServiceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region;
        }
        return config;
    }

    public IAmazonS3 CreateClient(AmazonS3Config? config = null)
    {
        config ??= CreateConfig();
        var client = AccessKey is null ? new AmazonS3Client(config) : new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
        client.BeforeRequestEvent += SendCopySourceSlashesPlain;
        return client;
    }

    /// <summary>
    /// The SDK percent-encodes every <c>/</c> of <c>x-amz-copy-source</c>, the separator between
    /// bucket and key included. S3 and MinIO decode either form; some S3-compatible servers (s3rver,
    /// which the tests run against) split on a plain <c>/</c> before decoding and then find no bucket.
    /// Slashes are sent plain, as the AWS CLI sends them. Runs before the request is signed.
    /// </summary>
    private static void SendCopySourceSlashesPlain(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs request && request.Headers.TryGetValue(CopySourceHeader, out var source))
            request.Headers[CopySourceHeader] = source.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    private const string CopySourceHeader = "x-amz-copy-source";
}
