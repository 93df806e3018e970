using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// The one place that turns <c>Database:Provider</c> and <c>ConnectionStrings:Default</c> into an
/// EF Core provider. Adding a provider means adding a case here and nothing else: the migrations
/// are provider-neutral.
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string DefaultConnectionString = "Data Source=musicplayer.db";

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Default") ?? DefaultConnectionString;

        switch (provider)
        {
            case var p when p.Equals(Sqlite, StringComparison.OrdinalIgnoreCase):
                options.UseSqlite(connectionString);
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not available in this build. Supported: {Sqlite}.");
        }
    }
}
