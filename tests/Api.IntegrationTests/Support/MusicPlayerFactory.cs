using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// The real app on its own temporary SQLite file, in environment "Testing", with the test signing key.
/// The app migrates the schema itself at start-up. The file goes when the factory is disposed.
/// </summary>
public class MusicPlayerFactory : WebApplicationFactory<Program>
{
    public const string TestEnvironment = "Testing";

    public MusicPlayerFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"musicplayer-http-{Guid.NewGuid():N}.db");
        ConnectionString = $"Data Source={DatabasePath}";
    }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>The host environment the app runs in.</summary>
    protected virtual string Environment => TestEnvironment;

    /// <summary>The <c>Jwt:SigningKey</c> setting; null leaves it unset.</summary>
    protected virtual string? SigningKey => TestTokens.SigningKey;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        if (SigningKey is not null) builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) DeleteDatabase();
    }

    /// <summary>Closes pooled connections to the file and deletes it (idempotent).</summary>
    public void DeleteDatabase()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            var path = DatabasePath + suffix;
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }
}
