using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary><c>Storage:*</c> chooses and configures the one <see cref="IAudioStore"/>; a wrong setting stops the start-up.</summary>
public sealed class StorageConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, string? contentRoot = null)
    {
        settings["Jwt:SigningKey"] = TestTokens.SigningKey;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (contentRoot is not null) services.AddSingleton<IHostEnvironment>(new Environment(contentRoot));
        return services.AddInfrastructure(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task ByDefault_TheStoreIsAFolderNamedStorage_UnderTheContentRoot()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), $"musicplayer-content-{Guid.NewGuid():N}");
        await using var provider = Build([], contentRoot);

        var store = provider.GetRequiredService<IAudioStore>();

        store.Backend.Should().Be("FileSystem");
        ((FileSystemAudioStore)store).Root.Should().Be(Path.Combine(contentRoot, "storage"));
        provider.GetRequiredService<IAudioStore>().Should().BeSameAs(store, "one store for the process");
    }

    [Fact]
    public async Task ARelativeRoot_IsUnderTheContentRoot_AndAnAbsoluteOneIsKept()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), $"musicplayer-content-{Guid.NewGuid():N}");
        var absolute = Path.Combine(Path.GetTempPath(), $"musicplayer-audio-{Guid.NewGuid():N}");

        await using (var relative = Build(new() { ["Storage:Backend"] = "filesystem", ["Storage:Root"] = "data/audio" }, contentRoot))
            ((FileSystemAudioStore)relative.GetRequiredService<IAudioStore>()).Root.Should().Be(Path.Combine(contentRoot, "data", "audio"));
        await using (var configured = Build(new() { ["Storage:Root"] = absolute }, contentRoot))
            ((FileSystemAudioStore)configured.GetRequiredService<IAudioStore>()).Root.Should().Be(absolute);
        Directory.Exists(absolute).Should().BeFalse("nothing is created before the first write");
    }

    [Fact]
    public async Task WithoutAHost_TheContentRootIsTheCurrentDirectory()
    {
        await using var provider = Build([]);

        ((FileSystemAudioStore)provider.GetRequiredService<IAudioStore>()).Root.Should().Be(Path.Combine(Directory.GetCurrentDirectory(), "storage"));
    }

    [Fact]
    public async Task S3_FromItsSettings_StoresAndReadsBack()
    {
        var server = await S3TestServer.GetAsync();
        var bucket = $"t-{Guid.NewGuid():N}";
        await using var provider = Build(new()
        {
            ["Storage:Backend"] = "S3", ["Storage:S3:ServiceUrl"] = server.Url.ToString(), ["Storage:S3:Bucket"] = bucket,
            ["Storage:S3:AccessKey"] = S3TestServer.AccessKey, ["Storage:S3:SecretKey"] = S3TestServer.SecretKey,
        });
        var store = provider.GetRequiredService<IAudioStore>();
        using (var client = new S3StorageOptions(server.Url.ToString(), bucket, S3TestServer.AccessKey, S3TestServer.SecretKey, "us-east-1", true).CreateClient())
            await client.PutBucketAsync(bucket);

        var stored = await store.WriteAsync(new MemoryStream([1, 2, 3, 4]), 10, CancellationToken.None);

        store.Backend.Should().Be("S3");
        ((S3AudioStore)store).Bucket.Should().Be(bucket);
        await using var read = await store.OpenReadAsync(stored.Key, 1, 2, CancellationToken.None);
        var bytes = new byte[4];
        (await read.ReadAtLeastAsync(bytes, 4, throwOnEndOfStream: false)).Should().Be(2);
        bytes[..2].Should().Equal(2, 3);
        store.PresignGet(stored.Key, TimeSpan.FromMinutes(1), "audio/mpeg")!.Scheme.Should().Be("http", "the scheme of Storage:S3:ServiceUrl");
    }

    [Fact]
    public void S3Settings_DefaultToUsEast1_AndPathStyle_AndNeverPrintTheSecret()
    {
        var options = S3StorageOptions.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:S3:Bucket"] = "music", ["Storage:S3:ServiceUrl"] = "http://minio:9000",
            ["Storage:S3:AccessKey"] = "access", ["Storage:S3:SecretKey"] = "very-secret",
        }).Build());

        options.Should().Be(new S3StorageOptions("http://minio:9000", "music", "access", "very-secret", "us-east-1", true));
        options.ToString().Should().NotContain("very-secret");
        var config = options.CreateConfig();
        config.ForcePathStyle.Should().BeTrue();
        config.AuthenticationRegion.Should().Be("us-east-1");
        config.RequestChecksumCalculation.Should().Be(Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED);
        config.ResponseChecksumValidation.Should().Be(Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED);
    }

    [Theory]
    [InlineData("Nope", null, "Storage:Backend 'Nope' is not a known storage backend. Available: FileSystem, S3.")]
    [InlineData("S3", null, "Storage:S3:Bucket is not set")]
    [InlineData("S3", "ftp://files", "Storage:S3:ServiceUrl 'ftp://files' is not an absolute http or https URL")]
    public void AWrongSetting_StopsTheStartUp_NamingIt(string backend, string? serviceUrl, string message)
    {
        var build = () => Build(new() { ["Storage:Backend"] = backend, ["Storage:S3:ServiceUrl"] = serviceUrl, ["Storage:S3:Bucket"] = serviceUrl is null ? null : "b" });

        build.Should().Throw<InvalidOperationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void S3Keys_AreSetTogetherOrNotAtAll()
    {
        var build = () => Build(new() { ["Storage:Backend"] = "S3", ["Storage:S3:Bucket"] = "b", ["Storage:S3:AccessKey"] = "a" });

        build.Should().Throw<InvalidOperationException>().WithMessage("*AccessKey and Storage:S3:SecretKey are set together*");
    }

    [Fact]
    public async Task TheApp_RefusesToStart_WithAnUnknownBackend()
    {
        await using var factory = new UnknownBackendFactory();

        var start = () => factory.CreateClient();

        start.Should().Throw<Exception>().Where(e => Flatten(e).Any(inner => inner.Message.Contains("Storage:Backend 'Tape'")));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }

    private sealed class UnknownBackendFactory : MusicPlayerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:Backend", "Tape");
        }
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "MusicPlayer.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
