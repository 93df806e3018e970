using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Audio;

namespace MusicPlayer.Api.IntegrationTests.Streaming;

/// <summary>The app's own store, recording every ranged read the API asks of it (offset and length).</summary>
public sealed class RecordingAudioStore(IAudioStore inner) : IAudioStore
{
    public ConcurrentQueue<(long Offset, long? Length)> Reads { get; } = new();

    /// <summary>Replaces the app's <see cref="IAudioStore"/> registration with one that wraps it in a recorder.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAudioStore));
        services.Remove(original);
        services.AddSingleton(provider => new RecordingAudioStore((IAudioStore)original.ImplementationFactory!(provider)));
        services.AddSingleton<IAudioStore>(provider => provider.GetRequiredService<RecordingAudioStore>());
    }

    public string Backend => inner.Backend;

    public Task<StoredObject> WriteAsync(Stream content, long maxBytes, CancellationToken cancellationToken) =>
        inner.WriteAsync(content, maxBytes, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        Reads.Enqueue((offset, length));
        return inner.OpenReadAsync(key, offset, length, cancellationToken);
    }

    public Task<IByteSource> OpenRandomAccessAsync(string key, CancellationToken cancellationToken) =>
        inner.OpenRandomAccessAsync(key, cancellationToken);

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken) => inner.GetSizeAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Uri? PresignGet(string key, TimeSpan lifetime, string contentType) => inner.PresignGet(key, lifetime, contentType);
}
