using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document: info, the bearer scheme, which operations need it, one schema id per type
/// (<see cref="SchemaIds"/>) and the properties every response carries (<see cref="ResponseRequiredTransformer"/>).
/// </summary>
internal static class OpenApiSetup
{
    /// <summary>The well-known document other services fetch our public keys from, the one operation outside /api/v1.</summary>
    public const string JwksPath = ".well-known/jwks.json";

    /// <summary>Whether the document describes a route: the API and the JWKS document; not /health, /metrics or the document itself.</summary>
    public static bool IsDocumented(string? relativePath) =>
        relativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path == JwksPath);

    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => IsDocumented(description.RelativePath);
            options.CreateSchemaReferenceId = SchemaIds.Create;
            options.AddSchemaTransformer<ResponseRequiredTransformer>();
            options.AddSchemaTransformer<PlaylistRulesSchemaTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MusicPlayer API",
                    Version = "v1",
                    Description = "Catalog of albums and songs, likes, comments and accounts. Errors are RFC 9457 problem details.",
                    License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                    Contact = new OpenApiContact { Name = "MusicPlayer maintainers", Url = new Uri("https://github.com/musicplayer/musicplayer") },
                };
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from POST /api/v1/auth/login.",
                };
                document.Tags = new HashSet<OpenApiTag>
                {
                    new() { Name = "Auth", Description = "Registration, login and token refresh." },
                    new() { Name = "Users", Description = "Your account, and user administration." },
                    new() { Name = "Albums", Description = "Albums and their track lists." },
                    new() { Name = "Songs", Description = "Songs of the catalog." },
                    new() { Name = "Uploads", Description = "Audio files uploaded to become songs." },
                    new() { Name = "Comments", Description = "Comments on songs: plain text, newest first." },
                    new() { Name = "Tokens", Description = "The public keys that verify our access tokens (JWKS), and their rotation." },
                    new() { Name = "Playlists", Description = "Users' playlists: ordered entries, or smart rules evaluated when read." },
                    new() { Name = "Listening history", Description = "Plays reported by clients, listening statistics, charts and the service overview." },
                    new() { Name = "Search", Description = "The search box (songs, albums, artists) and the artists of the catalog." },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Binding is case-insensitive; document query parameters as the JSON names are spelled.
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    if (parameter is { In: ParameterLocation.Query, Name: [var first, ..] name } && char.IsUpper(first))
                        parameter.Name = char.ToLowerInvariant(first) + name[1..];

                // Responses in status order, whichever attribute or convention declared them.
                if (operation.Responses is { Count: > 1 } responses)
                {
                    var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
                    responses.Clear();
                    foreach (var (status, response) in sorted) responses[status] = response;
                }

                // One action may answer GET and HEAD: the HEAD operation gets an id of its own.
                if (context.Description.ActionDescriptor is ControllerActionDescriptor action)
                    operation.OperationId ??= $"{action.ControllerName}_{action.ActionName}"
                                              + (context.Description.HttpMethod == HttpMethods.Head ? "Head" : "");

                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<StreamedBodyAttribute>().SingleOrDefault() is { } streamed)
                    operation.RequestBody = streamed.ToRequestBody();
                if (metadata.OfType<ByteRangesAttribute>().Any()) ByteRangesAttribute.Describe(operation);

                var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                operation.Security = needsToken
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                    : [new OpenApiSecurityRequirement()];
                return Task.CompletedTask;
            });
        });
}
