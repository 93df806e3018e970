using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Storage;

/// <summary>
/// The S3-compatible server the S3 tests run against: the one named by
/// <c>MUSICPLAYER_TEST_S3_URL</c> (.ci/run starts s3rver and sets it), else an s3rver this process
/// starts from <c>tools/s3</c> (running <c>npm ci</c> there first when its packages are missing) on
/// a free loopback port and a temporary folder, stopped when the test process exits. Both start it
/// through <c>tools/s3/serve.js</c>, which gives s3rver S3's whole-or-nothing writes. s3rver takes
/// the credentials <c>S3RVER</c>/<c>S3RVER</c>.
/// </summary>
public sealed class S3TestServer
{
    public const string UrlVariable = "MUSICPLAYER_TEST_S3_URL";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly Lazy<Task<S3TestServer>> Shared = new(StartAsync);

    private S3TestServer(Uri url) => Url = url;

    public Uri Url { get; }

    public static Task<S3TestServer> GetAsync() => Shared.Value;

    private static async Task<S3TestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } configured)
            return new S3TestServer(new Uri(configured));

        var tools = Path.Combine(SourceTree.Root, "tools", "s3");
        var script = Path.Combine(tools, "serve.js");
        if (!File.Exists(Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js")))
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], tools, TimeSpan.FromMinutes(5));

        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("musicplayer-s3rver-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "-d", data, "-a", "127.0.0.1", "-p", port.ToString(), "--silent" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(5000);
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // The process is gone already, or the folder is busy: the temporary folder is the OS's to clean.
            }
        };

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"s3rver exited at start-up with code {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new S3TestServer(new Uri($"http://127.0.0.1:{port}"));
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{file} {string.Join(' ', arguments)}` in {directory} failed ({process.ExitCode}): {await output}{await error}");
    }
}
