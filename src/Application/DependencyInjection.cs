using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicPlayer.Application.Common.Behaviours;

namespace MusicPlayer.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5 with its behaviours (outermost first: logging, authorization, validation, and for catalog writes the catalog version),
    /// every handler and every validator of this assembly, FluentValidation's conventions, and the Mapster configuration
    /// (every feature's <c>IRegister</c>) as the singleton <c>TypeAdapterConfig</c>. MediatR's own DI package
    /// cannot be restored here, so handlers are registered by a plain scan.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        Common.Validation.ValidationConventions.Apply();

        services.AddScoped<ServiceFactory>(provider => provider.GetService);
        services.AddScoped<IMediator, Mediator>();

        // Transient: the behaviours keep no state, and a scoped one would be stored in the request scope's table of
        // resolved services (seven entries a request; docs/performance.md).
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(SecurityAuditBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(CatalogChangeBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(PlaylistChangeBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(Features.Search.Memory.SearchMemoryBehaviour<,>));
        // Enabled by the infrastructure's ISearchMemorySource; without one every search reads the database.
        services.AddSingleton(provider => new Features.Search.Memory.SearchMemory(provider.GetService<Features.Search.Memory.ISearchMemorySource>(),
            provider.GetRequiredService<Common.Caching.CatalogVersion>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Features.Search.Memory.SearchMemory>>()));
        services.AddSingleton<Common.Caching.CatalogVersion>();
        services.AddSingleton<Features.Streaming.SongAudioRows>();
        services.AddSingleton(Common.Mapping.Mappings.Config);
        services.TryAddSingleton<Common.Errors.ITransientFailureDetector, Common.Errors.NoTransientFailures>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces()
                         .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddScoped(contract, type);
            }
        }

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);

        services.AddScoped<Features.Auth.SessionTokens>();
        services.AddScoped<Features.Songs.SongDetailReader>();
        services.AddScoped<Features.Catalog.SpecCatalogReads>();
        services.AddScoped<Features.Playlists.PlaylistReader>();
        services.AddSingleton<Features.Playlists.SmartPlaylistResults>();
        services.AddSingleton<Features.Playlists.PlaylistStates>();
        services.TryAddSingleton(new Features.Playlists.PlaylistCaching(Enabled: true));
        services.AddSingleton(typeof(Features.History.ResultCache<,>));
        services.AddSingleton<Features.History.UserPlayVersions>();
        services.AddScoped<Common.Audio.AudioLibrary>();
        services.AddScoped<Common.Search.SearchPlanner>();
        services.AddScoped<Common.Caching.ResponseCounts>();
        services.TryAddSingleton(new Common.Search.SearchLimits());
        services.AddScoped<Features.Catalog.CatalogSearch>();
        services.AddScoped<Features.Artists.ArtistDirectory>();
        services.AddSingleton<Common.Audio.StorageKeyLocks>();
        services.TryAddSingleton(new Common.Audio.UploadLimits());
        services.AddSingleton<TimeProvider>(new Common.Time.MicrosecondTimeProvider());
        return services;
    }
}
