using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using MediatR;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.Observability;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Features.Users;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api;

/// <summary>The HTTP edge: JSON, problems, authentication, documentation.</summary>
internal static class ApiSetup
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        // Readiness failures are logged by ReadinessResponse, once per burst; not as an error per probe.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] =
                Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<TransientFailureLog>();

        services.AddControllers(o =>
            {
                o.Filters.Add(new JsonResponsesAttribute());
                o.Conventions.Add(new AccessResponsesConvention());
                o.Conventions.Add(new OkResponseConvention());
                o.Conventions.Add(new UnsupportedMediaTypeConvention());
            })
            .AddJsonOptions(o =>
            {
                o.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
                o.AllowInputFormatterExceptionMessages = false;
            })
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = InvalidRequestResponse.Create);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);

        JwtOptions.From(builder.Configuration).EnsureUsableIn(builder.Environment.EnvironmentName, builder.Environment.IsDevelopment());
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // The validation parameters need the settings, the key ring and the clock, singletons of the container: configured once it is built.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtOptions, SigningKeyRing, TimeProvider>((o, jwt, keys, clock) =>
        {
            // Validations are remembered per token: see CachingTokenHandler.
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new CachingTokenHandler(keys));
            o.MapInboundClaims = false;
            o.SaveToken = false; // nothing reads the raw token back from the authentication properties
            o.TokenValidationParameters = jwt.ValidationParameters(keys, clock);
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = context => keys.EnsureFreshAsync(context.Request, BearerKid.Of, context.HttpContext.RequestAborted).AsTask(),
                OnTokenValidated = TokenSessionCheck.ValidateAsync,
                // Answer a missing or bad token the way every other error is answered.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ProblemExceptionHandler.WriteAsync(context.HttpContext,
                        context.AuthenticateFailure is null
                            ? new UnauthenticatedException("A bearer token is required.")
                            : new InvalidTokenException(),
                        context.HttpContext.RequestServices.GetRequiredService<ILogger<ProblemExceptionHandler>>());
                },
            };
        });
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<Application.Features.Songs.ISongUrls, HttpSongUrls>();
        services.AddSingleton(new Application.Common.Audio.UploadLimits(
            builder.Configuration.GetValue("Uploads:MaxBytes", Application.Common.Audio.UploadLimits.DefaultMaxBytes),
            builder.Configuration.GetValue("Uploads:SessionMinutes", Application.Common.Audio.UploadLimits.DefaultSessionMinutes)));
        services.AddScoped<Application.Features.Uploads.IUploadSessionUrls, HttpUploadSessionUrls>();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        if (builder.Configuration.GetValue("Caching:CatalogLists", true))
        {
            services.AddMemoryCache(o => o.SizeLimit = CatalogListCache.SizeLimitBytes);
            services.AddResponseCache<CatalogListCache>();
        }

        var playlistCaching = new Application.Features.Playlists.PlaylistCaching(builder.Configuration.GetValue("Caching:Playlists", true));
        services.AddSingleton(playlistCaching);
        if (playlistCaching.Enabled)
        {
            services.AddMemoryCache(o => o.SizeLimit = CatalogListCache.SizeLimitBytes);
            services.AddResponseCache<PlaylistPageCache>();
        }

        services.AddAuthRateLimiting(builder.Configuration);
        services.AddListRateLimiting(builder.Configuration);
        services.AddSingleton<SearchGate>();
        services.AddApiDocument();
        services.AddHealthChecks();
        services.AddMetricsEndpoint(builder.Configuration);
        services.AddTelemetry(builder.Configuration);
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseRequestMetrics();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMetricsAccess();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseResponseCaches();

        // The document and its UI are public by default, also in Production; OpenApi:Enabled=false hides both.
        if (app.Configuration.GetValue("OpenApi:Enabled", true))
        {
            app.MapOpenApi("/openapi/{documentName}.json");
            // Only requests under /swagger go through the UI's middleware (it matches every GET's path with regular expressions).
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), ui => ui.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint("/openapi/v1.json", "MusicPlayer API v1");
                o.RoutePrefix = "swagger";
            }));
        }
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new()
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        app.MapMetricsEndpoint();
        app.MapControllers();
        return app;
    }

    /// <summary>When <c>Admin:Email</c> and <c>Admin:Password</c> are set, makes sure that admin exists.</summary>
    public static async Task EnsureConfiguredAdminAsync(this WebApplication app)
    {
        var admin = app.Configuration.GetSection("Admin");
        if (string.IsNullOrWhiteSpace(admin["Email"]) || string.IsNullOrWhiteSpace(admin["Password"])) return;

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new EnsureAdmin.Command(admin["Email"], admin["Password"], admin["Username"] ?? "admin"));
    }
}
