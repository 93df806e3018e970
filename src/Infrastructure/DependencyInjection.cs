using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Infrastructure.Security;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Storage;

namespace MusicPlayer.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => new UserSessionCache(provider.GetService<TimeProvider>() ?? TimeProvider.System,
            TimeSpan.FromSeconds(configuration.GetValue("Caching:UserSessionSeconds", 60)), provider.GetService<Application.Common.Caching.ICachePeers>()));
        AddCacheCoherence(services, configuration);
        services.AddSingleton<UserSessionCache.EvictOnSave>();
        AddSearchMemory(services, configuration);
        services.AddDbContextPool<MusicPlayerDbContext>((provider, options) =>
        {
            DatabaseProvider.Configure(options, configuration);
            options.AddInterceptors(provider.GetRequiredService<UserSessionCache.EvictOnSave>());
            // Hosts with the application layer (the Api) have the in-memory search index; tools using the infrastructure alone do not.
            if (configuration.GetValue("Search:MemoryIndex", true) && provider.GetService<Application.Features.Search.Memory.SearchMemory>() is { } searchMemory)
                options.AddInterceptors(new Persistence.Search.SearchMemoryTracker(searchMemory));
            // Hosts that count (the Api) register the metrics port; tools using the infrastructure alone do not.
            if (provider.GetService<Application.Common.Observability.IServiceMetrics>() is { } metrics)
                options.AddInterceptors(new CommandMetrics(metrics, DatabaseProvider.Configured(configuration)));
        });
        services.AddSingleton<Application.Common.Errors.ITransientFailureDetector, TransientFailureDetector>();
        services.AddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.AddScoped(typeof(IReadRepository<>), typeof(EfRepository<>));
        services.AddScoped<IRefreshTokenStore, RefreshTokenStore>();
        services.AddScoped<ILoginFailureStore, LoginFailureStore>();
        services.AddScoped<ITransactions, Transactions>();
        AddCatalogReads(services, configuration);
        services.AddScoped<Application.Features.Likes.ILikeStore, LikeStore>();
        services.AddScoped<Application.Features.Comments.ICommentStore, CommentStore>();
        services.AddSingleton(new Application.Features.Comments.CommentLimit(
            configuration.GetValue("RateLimiting:Comments:PermitLimit", Application.Features.Comments.CommentLimit.DefaultPermitLimit),
            configuration.GetValue("RateLimiting:Comments:WindowSeconds", Application.Features.Comments.CommentLimit.DefaultWindowSeconds)));
        services.AddScoped<Application.Features.Playlists.IPlaylistStore, PlaylistStore>();
        services.AddScoped<Application.Features.History.IPlayStore, PlayStore>();
        services.AddScoped<ChartWindowCounters>();
        services.AddScoped<Application.Features.History.IListeningStats, ListeningStats>();
        services.AddScoped<Application.Features.Stats.IOverviewCounts, OverviewCounts>();
        services.AddScoped<Application.Common.Search.ISearchIndex, Persistence.Search.SearchIndex>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<LikeCommitter>();
        services.AddSingleton<PlayCommitter>();
        services.AddHostedService<SqliteCheckpointer>();
        services.AddScoped<Application.Features.Users.IAdminChangeLock, AdminChangeLock>();
        services.AddSingleton(PasswordHasher.From(configuration));
        services.AddSingleton<IPasswordHasher>(provider =>
            PasswordHashingGate.From(provider.GetRequiredService<PasswordHasher>(), configuration));
        services.AddSingleton(JwtOptions.From(configuration));
        services.AddSingleton(provider => new SigningKeyRing(provider.GetRequiredService<JwtOptions>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System, provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SigningKeyRing>>()));
        services.AddSingleton<Application.Features.Tokens.ISigningKeys>(provider => provider.GetRequiredService<SigningKeyRing>());
        services.AddSingleton<ITokenService, TokenService>();
        services.AddHostedService(provider => new RefreshTokenPurge(provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            configuration.GetValue(RefreshTokenPurge.IntervalSetting, RefreshTokenPurge.DefaultInterval),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RefreshTokenPurge>>()));
        services.AddSingleton<Application.Features.Uploads.IUploadUrlSigner, UploadUrlSigner>();
        services.AddHostedService(provider => new UploadSessionSweep(provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            configuration.GetValue(UploadSessionSweep.IntervalSetting, UploadSessionSweep.DefaultInterval),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<UploadSessionSweep>>()));
        // Audio: the inspector offers a file to each format reader in this order. FLAC comes before MP3,
        // which claims every file starting with an ID3 tag, so that an ID3-prefixed FLAC reaches its reader.
        services.AddSingleton<Audio.IFormatReader, Audio.FlacReader>();
        services.AddSingleton<Audio.IFormatReader, Audio.OggReader>();
        services.AddSingleton<Audio.IFormatReader, Audio.Mp4Reader>();
        services.AddSingleton<Audio.IFormatReader, Audio.Mp3Reader>();
        services.AddSingleton<Audio.IFormatReader, Audio.WavReader>();
        services.AddSingleton<Application.Common.Audio.IAudioInspector, Audio.AudioInspector>();
        services.AddAudioStorage(configuration);
        services.AddSingleton(new Application.Features.Streaming.StreamingOptions(
            configuration.GetValue("Streaming:SignedUrlMinutes", Application.Features.Streaming.StreamingOptions.DefaultSignedUrlMinutes),
            configuration.GetValue(S3StorageOptions.Section + ":RedirectStreams", true),
            configuration.GetValue("Streaming:MaxOpenStreams", Application.Features.Streaming.StreamingOptions.DefaultMaxOpenStreams)).Validated());
        services.AddSingleton<Application.Features.Streaming.StreamSlots>();
        services.AddSingleton<Application.Features.Streaming.IStreamUrlSigner, StreamUrlSigner>();
        services.AddHealthChecks().AddDbContextCheck<MusicPlayerDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The hot catalog reads: hand-written commands on SQLite (on kept connections) and PostgreSQL; SQL Server, which
    /// no test here can run, reads them through the specifications, as everything else.
    /// </summary>
    private static void AddCatalogReads(IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProvider.Configured(configuration);
        if (provider == DatabaseProvider.Sqlite)
        {
            // A factory, not an instance: the container disposes what it created, closing the kept connections.
            services.AddSingleton(_ => new SqliteReadConnections(
                configuration.GetConnectionString("Default") ?? DatabaseProvider.DefaultConnectionString));
            // Kept connections only: no request's DbContext is rented for these reads.
            services.AddSingleton<Application.Features.Catalog.ICatalogReads>(p => new SqlCatalogReads(p.GetRequiredService<SqliteReadConnections>()));
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            services.AddScoped<Application.Features.Catalog.ICatalogReads>(p => new SqlCatalogReads(p.GetRequiredService<MusicPlayerDbContext>()));
        }
        else
        {
            services.AddScoped<Application.Features.Catalog.ICatalogReads>(p => p.GetRequiredService<Application.Features.Catalog.SpecCatalogReads>());
        }
    }

    /// <summary>
    /// The in-memory search index (<see cref="Application.Features.Search.Memory.SearchMemory"/>), on unless
    /// <c>Search:MemoryIndex</c> is false: its rows' reader, the save interceptor that keeps it current and its build at start-up.
    /// </summary>
    private static void AddSearchMemory(IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Search:MemoryIndex", true)) return;
        services.AddSingleton<Application.Features.Search.Memory.ISearchMemorySource, Persistence.Search.SearchMemorySource>();
        services.AddHostedService(provider => new Persistence.Search.SearchMemoryWarmUp(provider.GetService<Application.Features.Search.Memory.SearchMemory>(),
            provider.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    /// <summary>
    /// On PostgreSQL, instances sharing the database tell each other what their caches must drop (see
    /// <see cref="Caching.PostgresCacheCoherence"/>). SQLite serves one instance, and SQL Server instances are
    /// run with the caches off (README, "Running several instances"): neither pays for it.
    /// </summary>
    private static void AddCacheCoherence(IServiceCollection services, IConfiguration configuration)
    {
        if (DatabaseProvider.Configured(configuration) != DatabaseProvider.PostgreSql) return;
        services.AddSingleton<Caching.PendingCacheChanges>();
        services.AddSingleton<Application.Common.Caching.ICachePeers>(provider => provider.GetRequiredService<Caching.PendingCacheChanges>());
        services.AddHostedService(provider => new Caching.PostgresCacheCoherence(
            provider.GetRequiredService<Caching.PendingCacheChanges>(),
            provider.GetRequiredService<Application.Common.Caching.CatalogVersion>(),
            provider.GetRequiredService<UserSessionCache>(),
            configuration.GetConnectionString("Default") ?? throw new InvalidOperationException("PostgreSQL needs ConnectionStrings:Default."),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Caching.PostgresCacheCoherence>>()));
    }

    /// <summary>Creates the database or brings its schema up to date, and loads (or, at first start, generates) the stored token signing keys. Runs once at start-up.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database;
        // On a current schema (every start but the first after an upgrade) there is nothing to apply, and asking costs
        // one read of the history table (Persistence.AppliedMigrations): Migrate's own work (the migrations lock, the
        // history table's model and create script) is left to the starts that have migrations to apply. Instances
        // starting together on one database both see the same ones pending, and Migrate's lock lets only one apply them.
        if (await Persistence.AppliedMigrations.AnyPendingAsync(database, cancellationToken)) await database.MigrateAsync(cancellationToken);
        await Persistence.Search.SearchIndexBackfill.RunAsync(scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>(), cancellationToken);
        if (database.IsSqlite()) await database.ExecuteSqlRawAsync(SqlitePragmas.Persistent, cancellationToken);
        // Generated signing keys live in the schema just migrated: the first start makes the first one.
        if (scope.ServiceProvider.GetService<SigningKeyRing>() is { } keys) await keys.InitializeAsync(cancellationToken);
    }
}
