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
            TimeSpan.FromSeconds(configuration.GetValue("Caching:UserSessionSeconds", 60))));
        services.AddSingleton<UserSessionCache.EvictOnSave>();
        services.AddDbContextPool<MusicPlayerDbContext>((provider, options) =>
        {
            DatabaseProvider.Configure(options, configuration);
            options.AddInterceptors(provider.GetRequiredService<UserSessionCache.EvictOnSave>());
        });
        services.AddSingleton<Application.Common.Errors.ITransientFailureDetector, DatabaseFailureDetector>();
        services.AddScoped(typeof(IRepository<>), typeof(EfRepository<>));
        services.AddScoped(typeof(IReadRepository<>), typeof(EfRepository<>));
        services.AddScoped<IRefreshTokenStore, RefreshTokenStore>();
        services.AddScoped<ILoginFailureStore, LoginFailureStore>();
        services.AddScoped<Application.Features.Likes.ILikeStore, LikeStore>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<Application.Features.Users.IAdminChangeLock, AdminChangeLock>();
        services.AddSingleton<IPasswordHasher>(PasswordHasher.From(configuration));
        services.AddSingleton(JwtOptions.From(configuration));
        services.AddSingleton<ITokenService, TokenService>();
        services.AddHostedService(provider => new RefreshTokenPurge(provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            configuration.GetValue(RefreshTokenPurge.IntervalSetting, RefreshTokenPurge.DefaultInterval),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RefreshTokenPurge>>()));
        services.AddAudioStorage(configuration);
        services.AddHealthChecks().AddDbContextCheck<MusicPlayerDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Creates the database or brings its schema up to date. Runs once at start-up.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Database;
        await database.MigrateAsync(cancellationToken);
        if (database.IsSqlite()) await database.ExecuteSqlRawAsync(SqlitePragmas.Persistent, cancellationToken);
    }
}
