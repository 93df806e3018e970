using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Marks the properties a response always carries as <c>required</c>, so that a generated client types
/// them as present. A property of a response type is required when it is not nullable (a non-nullable
/// value type, or a reference type not annotated <c>?</c>) and is written unconditionally: one with
/// <c>[JsonIgnore(Condition = WhenWritingNull)]</c> (or any other condition) may be left out, so it is
/// not. The set replaces what the framework derived from constructor parameters, which says what a
/// reader must pass, not what the service writes.
/// </summary>
/// <remarks>
/// A response type is any type reachable (through properties, list items and generic arguments) from a
/// type an operation responds with; request bodies keep their own <c>required</c> (the fields a client
/// must send). A type that is both would be ambiguous, so a type reachable from a request body is left
/// alone: there is none today.
/// </remarks>
internal sealed class ResponseRequiredTransformer(IApiDescriptionGroupCollectionProvider apiDescriptions) : IOpenApiSchemaTransformer
{
    private HashSet<Type>? _responseTypes;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is null) return Task.CompletedTask;
        if (!ResponseTypes(type.Options).Contains(type.Type)) return Task.CompletedTask;

        var required = type.Properties
            .Where(p => p.Get is not null && !p.IsExtensionData && p.ShouldSerialize is null && !IsNullable(p))
            .Select(p => p.Name)
            .Where(schema.Properties.ContainsKey)
            .ToHashSet(StringComparer.Ordinal);
        schema.Required = required.Count > 0 ? required : null;
        return Task.CompletedTask;
    }

    private static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && property.IsGetNullable);

    private HashSet<Type> ResponseTypes(JsonSerializerOptions options)
    {
        if (_responseTypes is { } known) return known;
        var descriptions = apiDescriptions.ApiDescriptionGroups.Items.SelectMany(g => g.Items).ToArray();
        var responses = Reachable(options, descriptions.SelectMany(d => d.SupportedResponseTypes).Select(r => r.Type));
        var requests = Reachable(options, descriptions.SelectMany(d => d.ParameterDescriptions)
            .Where(p => p.Source == BindingSource.Body).Select(p => p.Type));
        responses.ExceptWith(requests);
        return _responseTypes = responses;
    }

    private static HashSet<Type> Reachable(JsonSerializerOptions options, IEnumerable<Type?> roots)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots.OfType<Type>().Where(t => t != typeof(void)));
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type)) continue;
            var info = options.GetTypeInfo(type);
            if (info.ElementType is { } element) pending.Push(element);
            if (info.KeyType is { } key) pending.Push(key);
            foreach (var property in info.Properties) pending.Push(property.PropertyType);
            if (type.IsGenericType) foreach (var argument in type.GetGenericArguments()) pending.Push(argument);
        }

        return seen;
    }
}
