using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Rewrites what model binding reports (bad JSON, wrong types, missing bodies) into the contract's
/// 400: camelCase field names and plain messages, never the serializer's text or a .NET type name.
/// </summary>
internal static class InvalidRequestResponse
{
    public const string BodyField = "body";

    public static IActionResult Create(ActionContext context)
    {
        var errors = new ModelStateDictionary();
        // JSON path errors first: a body field named "body" (a comment's) must keep its own message, not the body parameter's.
        foreach (var (key, entry) in context.ModelState.OrderBy(e => e.Key.StartsWith('$') ? 0 : 1))
        {
            if (entry is not { Errors.Count: > 0 }) continue;
            var (field, message) = Describe(key);
            if (!errors.ContainsKey(field)) errors.AddModelError(field, message);
        }

        // A broken body also reports the body parameter itself as missing; the specific error is enough.
        if (errors.Count > 1 && errors.TryGetValue(BodyField, out var body) && body.Errors[0].ErrorMessage == MissingBody)
            errors.Remove(BodyField);

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest);
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private const string MissingBody = "A JSON request body is required.";

    private static (string Field, string Message) Describe(string key)
    {
        if (key.StartsWith('$'))
        {
            var path = key.TrimStart('$', '.');
            var leaf = path[(path.LastIndexOf('.') + 1)..];
            var bracket = leaf.IndexOf('[');
            if (bracket >= 0) leaf = leaf[..bracket];
            return leaf.Length == 0
                ? (BodyField, "The request body is not valid JSON.")
                : (CamelCase(leaf), "The value is malformed or of the wrong type.");
        }

        if (key.Length == 0 || key == BodyField) return (BodyField, MissingBody);

        var field = CamelCase(key[(key.LastIndexOf('.') + 1)..]);
        return (field, $"'{field}' has a value of the wrong type.");
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
