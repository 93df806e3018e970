using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MusicPlayer.Application.Features.Playlists;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// The smart playlist rule schema, precisely enough for a generated client to build rules: <c>match</c>,
/// <c>field</c>, <c>operator</c> and <c>sort</c> as enums of the words <see cref="SmartRules"/> takes, the limits,
/// and <c>value</c> as the typed union it is (text, an integer, a pair of integers, a boolean, or a date).
/// Which operator a field takes, and which value an operator takes, is in the descriptions.
/// </summary>
internal sealed class PlaylistRulesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(PlaylistRules) && schema.Properties is { } rules)
        {
            rules["match"] = Words(SmartRules.MatchValues, "all: every condition holds; any: at least one does.");
            rules["sort"] = Words(SmartRules.SortKeys, "A song list sort key, or random. Optional: default title.");
            rules["limit"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                Maximum = SmartRules.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Description = $"How many songs the playlist holds at most. Optional: default {SmartRules.DefaultLimit}.",
            };
            if (rules["conditions"] is OpenApiSchema conditions) conditions.MaxItems = SmartRules.MaxConditions;
            schema.Required = new HashSet<string> { "match", "conditions" };
        }

        if (context.JsonTypeInfo.Type == typeof(RuleCondition) && schema.Properties is { } condition)
        {
            condition["field"] = Words(SmartRules.Fields.Select(f => f.Name).ToList(), string.Join("; ",
                SmartRules.Fields.GroupBy(f => f.Operators).Select(g => $"{string.Join(", ", g.Select(f => f.Name))} take {string.Join(", ", g.Key)}")) + ".");
            condition["operator"] = Words(SmartRules.OperatorNames, "The operators a field takes are listed under field.");
            condition["value"] = new OpenApiSchema
            {
                Description = $"Text ({SmartRules.MaxTextLength} characters at most) for title, artist, album and genre; an integer for is, gt and lt of " +
                              "releaseYear, duration, likeCount and playCount, and [low, high] for between; a number of days for inLastDays and " +
                              "notInLastDays; a date (2024-05-31) or UTC date-time for before and after; true or false for likedByOwner.",
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = SmartRules.MaxTextLength, Description = "Text, or a date for before/after." },
                    new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Description = "A number, year or count of days." },
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array, MinItems = 2, MaxItems = 2, Description = "[low, high] for between.",
                        Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
                    },
                    new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "For likedByOwner." },
                ],
            };
            schema.Required = new HashSet<string> { "field", "operator", "value" };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Words(IReadOnlyList<string> words, string description) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. words.Select(w => (JsonNode)JsonValue.Create(w))],
        Description = description,
    };
}
