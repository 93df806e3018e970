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

    /// <summary>The providers every build can use.</summary>
    public static IReadOnlyList<string> Available { get; } = [Sqlite, PostgreSql, SqlServer];

    /// <summary>The configured provider as one of <see cref="Available"/> (its canonical spelling), or an unknown name as given.</summary>
    public static string Configured(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        return Available.FirstOrDefault(p => Is(provider, p)) ?? provider;
    }

    /// <summary>Whether SQLite uses the compiled model (default true); false builds it from the configurations, as regenerating it needs.</summary>
    public const string CompiledModelSetting = "Database:CompiledModel";

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? Sqlite;
        var connectionString = configuration.GetConnectionString("Default") ?? DefaultConnectionString;

        if (Is(provider, Sqlite))
        {
            options.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);
            // The model as tools/compiled-model.sh compiled it, rather than built from the configurations at every start
            // (about a quarter of a second of it); CompiledModelTests holds the two equal.
            if (configuration.GetValue(CompiledModelSetting, true)) options.UseModel(CompiledModel.MusicPlayerDbContextModel.Instance);
        }
        else if (Is(provider, PostgreSql))
            options.UseNpgsql(connectionString);
        else if (Is(provider, SqlServer))
            options.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
        else
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not a known provider. Available: {string.Join(", ", Available)}.");

        // The search index is kept by every save of every context configured here (the app's and the tools').
        options.AddInterceptors(Search.SearchIndexMaintenance.Instance);

        // A failed command or save propagates to the HTTP edge, which logs a defect once as an error and
        // a transient outage once per burst as a warning: EF Core's own error line per failure would
        // repeat both, and turn a database restart under load into a log storm.
        options.ConfigureWarnings(w => w.Log(
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.ConnectionError, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug),
            (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryIterationFailed, Microsoft.Extensions.Logging.LogLevel.Debug)));
    }

    private static bool Is(string configured, string provider) => configured.Equals(provider, StringComparison.OrdinalIgnoreCase);
}
