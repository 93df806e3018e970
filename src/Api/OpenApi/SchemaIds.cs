using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// The ids of the OpenAPI document's component schemas (<see cref="OpenApiOptions.CreateSchemaReferenceId"/>).
/// The framework names a schema after its type's simple name, so every use case's nested
/// <c>Command</c> was one schema <c>Command</c>, and login, refresh and the rest all pointed at the
/// register body. The rule, one id per type:
/// <list type="bullet">
/// <item>a type named <c>Command</c> nested in a use case (a static class) is <c>{UseCase}Request</c>:
/// <c>Login.Command</c> is <c>LoginRequest</c>, <c>UpdateMe.Command</c> is <c>UpdateMeRequest</c>;</item>
/// <item>a type named <c>Query</c> nested in a use case is <c>{UseCase}Query</c> (queries are bound from
/// the route and query string, so none is a schema today);</item>
/// <item>a generic type is <c>{Name}Of{Argument}</c>, arguments joined with <c>And</c>:
/// <c>PagedResult&lt;SongDto&gt;</c> is <c>PagedResultOfSongDto</c>;</item>
/// <item>any other type keeps its own name, DTOs with their <c>Dto</c> suffix (<c>SongDto</c>) and
/// inputs as declared (<c>AlbumInput</c>, <c>UpdateUser.UserInput</c> is <c>UserInput</c>).</item>
/// </list>
/// What the framework inlines instead of naming (primitives, arrays, dictionaries) stays inline. A type
/// that would take an id already taken by another type is a mistake in the code, not in the document:
/// the HTTP tests map every id to its type while walking the document and fail on a second type.
/// </summary>
internal static class SchemaIds
{
    public static string? Create(JsonTypeInfo type) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(type) is null ? null : Of(type.Type);

    /// <summary>The id of <paramref name="type"/> by the rule above.</summary>
    public static string Of(Type type)
    {
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}Of{string.Join("And", type.GetGenericArguments().Select(Of))}";
        }

        if (type.DeclaringType is { IsAbstract: true, IsSealed: true } useCase)
        {
            if (type.Name == "Command") return useCase.Name + "Request";
            if (type.Name == "Query") return useCase.Name + "Query";
        }

        return type.Name;
    }
}
