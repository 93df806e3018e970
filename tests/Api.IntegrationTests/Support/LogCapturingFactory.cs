using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>The app with every log entry of Warning and above kept for the test to read, with the scopes it was written in.</summary>
public class LogCapturingFactory : MusicPlayerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, string Scopes)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // SQLite's driver retries a locked database until the command timeout: 2 s instead of 30 keeps the test short.
        if (Database.IsSqlite) builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString + ";Default Timeout=2");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new QueueLoggerProvider(Logs)));
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(LogLevel, string, string, string)> logs) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, logs, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<(LogLevel, string, string, string)> logs, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var written = new System.Text.StringBuilder();
            scopes().ForEachScope((scope, text) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    foreach (var (key, value) in values) text.Append(key).Append('=').Append(value).Append(';');
            }, written);
            logs.Enqueue((logLevel, category, formatter(state, exception), written.ToString()));
        }
    }
}
