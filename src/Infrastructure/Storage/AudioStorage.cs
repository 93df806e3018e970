using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Infrastructure.Storage;

/// <summary>
/// The one place that turns <c>Storage:Backend</c> into an <see cref="IAudioStore"/> (a singleton).
/// The settings are checked when the services are added, so a wrong backend name or a missing
/// bucket stops the start-up with a message naming the setting.
/// </summary>
internal static class AudioStorage
{
    public const string BackendSetting = "Storage:Backend";
    public const string RootSetting = "Storage:Root";

    /// <summary>The default <c>Storage:Root</c>, relative to the content root (beside the default SQLite file).</summary>
    public const string DefaultRoot = "storage";

    public static IReadOnlyList<string> Backends { get; } = [FileSystemAudioStore.Name, S3AudioStore.Name];

    public static IServiceCollection AddAudioStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var backend = configuration[BackendSetting] is { Length: > 0 } configured ? configured : FileSystemAudioStore.Name;
        if (Is(backend, FileSystemAudioStore.Name))
        {
            var root = configuration[RootSetting];
            services.AddSingleton<IAudioStore>(provider => new FileSystemAudioStore(
                ResolveRoot(root, provider.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory()),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILogger<FileSystemAudioStore>>()));
        }
        else if (Is(backend, S3AudioStore.Name))
        {
            var options = S3StorageOptions.From(configuration);
            services.AddSingleton<IAudioStore>(provider => new S3AudioStore(options,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILogger<S3AudioStore>>()));
        }
        else
        {
            throw new InvalidOperationException(
                $"{BackendSetting} '{backend}' is not a known storage backend. Available: {string.Join(", ", Backends)}.");
        }
        return services;
    }

    /// <summary>An absolute <c>Storage:Root</c> as it is; a relative one (the default <c>storage</c> too) under the content root.</summary>
    internal static string ResolveRoot(string? configured, string contentRoot) =>
        Path.GetFullPath(configured is { Length: > 0 } ? configured : DefaultRoot, contentRoot);

    private static bool Is(string configured, string backend) => configured.Equals(backend, StringComparison.OrdinalIgnoreCase);
}
