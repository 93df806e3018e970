using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// The one place that turns <c>Database:Provider</c> and <c>ConnectionStrings:Default</c> into an
/// EF Core provider. The migrations are provider-neutral, so a provider is a case here and nothing else.
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public const string SqlServer = "SqlServer";
    public const string DefaultConnectionString = "Data Source=musicplayer.db";

    /// <summary>The providers this build can use (SQL Server only in a build made with -p:WithSqlServer=true).</summary>
    public static IReadOnlyList<string> Available { get; } =
#if SQLSERVER
        [Sqlite, PostgreSql, SqlServer];
#else
        [Sqlite, PostgreSql];
#endif

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Default") ?? DefaultConnectionString;

        if (Is(provider, Sqlite))
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
        else if (Is(provider, PostgreSql))
            options.UseNpgsql(connectionString);
#if SQLSERVER
        else if (Is(provider, SqlServer))
            options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
#endif
        else
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not available in this build. Available: {string.Join(", ", Available)}." +
                (Is(provider, SqlServer) ? " SQL Server needs a build with -p:WithSqlServer=true (see the README)." : ""));
    }

    private static bool Is(string configured, string provider) => configured.Equals(provider, StringComparison.OrdinalIgnoreCase);
}
