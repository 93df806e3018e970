using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Persistence;

/// <summary>
/// Nothing acknowledged is lost when the process dies: the built app runs as a process of its own on a SQLite
/// file, users like and unlike songs (or report batches of plays) as fast as it answers, the process gets SIGKILL in
/// mid-stream, and a new process on the same file must hold every acknowledged like and unlike (every acknowledged
/// play), with every song's LikeCount equal to its like rows (PlayCount to its counted plays and hourly aggregate).
/// A like is acknowledged only after the transaction holding it committed, and SQLite in WAL mode with
/// synchronous=NORMAL has then written the commit to the WAL file (write(), no fsync): the bytes are in the
/// operating system's page cache, which outlives the process, and the next connection replays the WAL. (An OS
/// crash or power cut before a checkpoint's fsync is another matter, and not what this tests.)
/// </summary>
public sealed class LikeDurabilityTests : IDisposable
{
    private const int Users = 8;
    private const int AcknowledgedBeforeKill = 400;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("musicplayer-kill-");

    private string DatabaseFile => Path.Combine(_folder.FullName, "musicplayer.db");

    [Fact]
    public async Task Likes_AcknowledgedBeforeSigkill_AreAllThereAfterRestart()
    {
        var (songIds, runs) = await WriteUntilKilledAsync(AcknowledgedBeforeKill, async (app, songIds, user, u, acknowledged) =>
        {
            var random = new Random(u);
            var last = new Dictionary<int, bool>();
            while (true)
            {
                var song = songIds[random.Next(songIds.Length)];
                var like = random.Next(2) == 0;
                HttpStatusCode status;
                try
                {
                    status = await app.SendLikeAsync(user.Token, song, like);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The process died with this request in flight: it may or may not have committed.
                    return (user.Id, last, Unsure: song);
                }
                status.Should().Be(HttpStatusCode.NoContent, "every like and unlike succeeds while the app runs");
                last[song] = like;
                acknowledged();
            }
        });
        songIds.Should().HaveCountGreaterThan(5, "the demo library gives the users songs to like");
        var acknowledged = new Dictionary<(int User, int Song), bool>();
        var unsure = new HashSet<(int User, int Song)>();
        foreach (var (userId, last, unsureSong) in runs)
        {
            foreach (var (song, liked) in last) acknowledged[(userId, song)] = liked;
            unsure.Add((userId, unsureSong));
        }

        await CheckAfterRestartAsync(async connection =>
        {
            var rows = await ReadAsync(connection, @"SELECT ""UserId"", ""SongId"" FROM ""UserLikes""", r => (r.GetInt32(0), r.GetInt32(1)));
            var stored = rows.ToHashSet();
            foreach (var ((user, song), liked) in acknowledged.Where(a => !unsure.Contains(a.Key)))
                stored.Contains((user, song)).Should().Be(liked, $"user {user}'s acknowledged {(liked ? "like" : "unlike")} of song {song} survives the kill");
            acknowledged.Count(a => !unsure.Contains(a.Key)).Should().BeGreaterThan(Users, "the check covers many pairs");

            var counters = await ReadAsync(connection,
                @"SELECT s.""Id"", s.""LikeCount"", (SELECT COUNT(*) FROM ""UserLikes"" l WHERE l.""SongId"" = s.""Id"") FROM ""Songs"" s",
                r => (Song: r.GetInt32(0), Counter: r.GetInt32(1), Rows: r.GetInt32(2)));
            counters.Should().OnlyContain(c => c.Counter == c.Rows, "every song's LikeCount equals its like rows after the restart");
        });
    }

    [Fact]
    public async Task Plays_AcknowledgedBeforeSigkill_AreAllThereAfterRestart()
    {
        var (_, runs) = await WriteUntilKilledAsync(AcknowledgedBeforeKill / 4, async (app, songIds, user, u, acknowledged) =>
        {
            var random = new Random(u);
            var keys = new List<string>();
            for (var batch = 0; ; batch++)
            {
                var plays = Enumerable.Range(0, 5).Select(i => (Song: songIds[random.Next(songIds.Length)], Seconds: random.Next(2) == 0 ? 10 : 300,
                    Key: $"{u}-{batch}-{i}")).ToList();
                HttpStatusCode status;
                try
                {
                    status = await app.SendPlaysAsync(user.Token, plays);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The process died with this batch in flight: it may or may not have committed.
                    return (user.Id, keys);
                }
                status.Should().Be(HttpStatusCode.OK, "every batch is recorded while the app runs");
                keys.AddRange(plays.Select(p => p.Key));
                acknowledged();
            }
        });
        var acknowledged = runs.SelectMany(run => run.keys.Select(k => (run.Id, k))).ToList();

        await CheckAfterRestartAsync(async connection =>
        {
            var stored = (await ReadAsync(connection, @"SELECT ""UserId"", ""ClientPlayId"" FROM ""Plays""", r => (r.GetInt32(0), r.GetString(1)))).ToHashSet();
            acknowledged.Should().HaveCountGreaterThan(Users * 5, "the check covers many plays");
            acknowledged.Where(a => !stored.Contains(a)).Should().BeEmpty("every acknowledged play survives the kill");

            var counters = await ReadAsync(connection,
                @"SELECT s.""Id"", s.""PlayCount"", (SELECT COUNT(*) FROM ""Plays"" p WHERE p.""SongId"" = s.""Id"" AND p.""Counted""),
                         (SELECT COALESCE(SUM(h.""Plays""), 0) FROM ""SongPlayHours"" h WHERE h.""SongId"" = s.""Id"") FROM ""Songs"" s",
                r => (Song: r.GetInt32(0), Counter: r.GetInt32(1), Rows: r.GetInt32(2), Hourly: r.GetInt32(3)));
            counters.Should().OnlyContain(c => c.Counter == c.Rows && c.Counter == c.Hourly,
                "every song's PlayCount equals its counted plays and its hourly aggregate after the restart");
        });
    }

    /// <summary>
    /// Starts the app on the test's file, registers the users and runs <paramref name="write"/> for each of them (with the
    /// app, the song ids, the user, its number, and a callback for each acknowledged write) until
    /// <paramref name="acknowledgedBeforeKill"/> writes were acknowledged in all; then kills the process with SIGKILL. Each
    /// run ends when its request fails with the process gone, returning what it holds acknowledged. A run that fails
    /// before enough were acknowledged ends the wait too, and its failure is thrown here.
    /// </summary>
    private async Task<(int[] SongIds, TRun[] Runs)> WriteUntilKilledAsync<TRun>(int acknowledgedBeforeKill,
        Func<AppProcess, int[], (int Id, string Token), int, Action, Task<TRun>> write)
    {
        using var app = await AppProcess.StartAsync(_folder.FullName, DatabaseFile);
        var songIds = await app.SongIdsAsync();
        var tokens = new List<(int Id, string Token)>();
        for (var i = 0; i < Users; i++) tokens.Add(await app.RegisterAsync());

        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        void Acknowledged()
        {
            if (Interlocked.Increment(ref count) == acknowledgedBeforeKill) enough.SetResult();
        }
        var runs = tokens.Select((user, u) => Task.Run(() => write(app, songIds, user, u, Acknowledged))).ToList();

        await Task.WhenAny(enough.Task, Task.WhenAll(runs)).WaitAsync(TimeSpan.FromMinutes(2));
        app.Kill();
        return (songIds, await Task.WhenAll(runs));
    }

    /// <summary>Starts a new process on the file (its start replays the WAL) and runs <paramref name="check"/> on a connection of the test's own.</summary>
    private async Task CheckAfterRestartAsync(Func<SqliteConnection, Task> check)
    {
        using (await AppProcess.StartAsync(_folder.FullName, DatabaseFile))
        {
            await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
            await connection.OpenAsync();
            await check(connection);
        }
    }

    private static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// The built app (<c>MusicPlayer.Api.dll</c> from the test's output folder) started with <c>dotnet</c> as a process of
    /// its own on a loopback port, on the given SQLite file, with the demo library and the test signing key.
    /// </summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();
        private readonly HttpClient _http;

        private AppProcess(Process process, Uri url)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        }

        public static async Task<AppProcess> StartAsync(string folder, string databaseFile)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MusicPlayer.Api.dll"));
            foreach (var (name, value) in new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = MusicPlayerFactory.TestEnvironment,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Database__Provider"] = TestDatabase.Sqlite,
                ["ConnectionStrings__Default"] = $"Data Source={databaseFile}",
                ["Storage__Root"] = Path.Combine(folder, "storage"),
                ["Jwt__SigningKey"] = TestTokens.SigningKey,
                ["DemoLibrary__Seed"] = "true",
                ["Passwords__BcryptWorkFactor"] = "4",
                ["RateLimiting__Auth__PermitLimit"] = "100000",
                ["Logging__LogLevel__Default"] = "Warning",
            })
                start.Environment[name] = value;

            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
            var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
            process.OutputDataReceived += (_, e) => app.Log(e.Data);
            process.ErrorDataReceived += (_, e) => app.Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await app.WaitUntilReadyAsync();
                return app;
            }
            catch
            {
                app.Dispose();
                throw;
            }
        }

        public async Task<int[]> SongIdsAsync()
        {
            var page = await _http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Songs}?pageSize=100");
            return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();
        }

        /// <summary>Registers a user and returns their id and an access token minted for them.</summary>
        public async Task<(int Id, string Token)> RegisterAsync()
        {
            var response = await _http.PostAsJsonAsync(AccountApi.Register, AccountApi.RegisterBody());
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            return (id, TestTokens.Create(id, "user"));
        }

        public async Task<HttpStatusCode> SendLikeAsync(string token, int songId, bool like)
        {
            using var request = new HttpRequestMessage(like ? HttpMethod.Put : HttpMethod.Delete, $"{CatalogApi.Songs}/{songId}/like");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        public async Task<HttpStatusCode> SendPlaysAsync(string token, IEnumerable<(int Song, int Seconds, string Key)> plays)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, PlayCounts.MyPlays)
            {
                Content = JsonContent.Create(new { plays = plays.Select(p => new { songId = p.Song, secondsPlayed = p.Seconds, clientPlayId = p.Key }) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        /// <summary>SIGKILL: the process ends at once, without running any code of its own.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
            _http.Dispose();
        }

        private async Task WaitUntilReadyAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (true)
            {
                if (_process.HasExited) throw new InvalidOperationException($"The app exited at start-up ({_process.ExitCode}):\n{Logged()}");
                try
                {
                    if ((await _http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app was not ready within two minutes:\n{Logged()}");
                await Task.Delay(100);
            }
        }

        private void Log(string? line)
        {
            if (line is null) return;
            lock (_log) _log.AppendLine(line);
        }

        private string Logged()
        {
            lock (_log) return _log.ToString();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
