using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Infrastructure;
using MusicPlayer.Infrastructure.Persistence;

// Stores each file given on the command line in a FileSystem store of the app (its own DI registrations),
// inspects it as an upload does, and prints how many bytes inspection read: one tab-separated line
// per file (name, size, format, duration, bytes read, reads, milliseconds).
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: MusicPlayer.Bench.Inspect FILE...");
    return 2;
}

var root = Directory.CreateTempSubdirectory("musicplayer-inspect-");
try
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = DatabaseProvider.Sqlite,
        ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(root.FullName, "unused.db")}",
        ["Jwt:SigningKey"] = "bench-inspect-dummy-signing-key-0123456789abcdef",
        ["Storage:Provider"] = "FileSystem",
        ["Storage:Root"] = Path.Combine(root.FullName, "media"),
    }).Build();
    await using var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    var store = services.GetRequiredService<IAudioStore>();
    var inspector = services.GetRequiredService<IAudioInspector>();

    Console.WriteLine("file\tbytes\tformat\tseconds\tbytes read\treads\tms");
    foreach (var file in args)
    {
        StoredObject stored;
        await using (var content = File.OpenRead(file))
            stored = await store.WriteAsync(content, long.MaxValue, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await using var source = new CountingByteSource(await store.OpenRandomAccessAsync(stored.Key, CancellationToken.None));
        var inspection = await inspector.InspectAsync(source, CancellationToken.None);
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}\t{stored.Size}\t{AudioLibrary.FormatName(inspection.Format)}\t{inspection.DurationSeconds:F1}\t{source.BytesRead}\t{source.Reads}\t{clock.Elapsed.TotalMilliseconds:F1}"));
    }
    return 0;
}
finally
{
    root.Delete(recursive: true);
}

/// <summary>Counts what a reader asks of the stored object.</summary>
internal sealed class CountingByteSource(IByteSource inner) : IByteSource
{
    public long BytesRead { get; private set; }
    public int Reads { get; private set; }
    public long Length => inner.Length;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(offset, buffer, cancellationToken);
        BytesRead += read;
        Reads++;
        return read;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
