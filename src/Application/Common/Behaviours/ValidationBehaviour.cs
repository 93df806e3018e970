using FluentValidation;
using MediatR;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>Runs every validator of the request and reports all failures at once, grouped by field.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Most reads have no validator (the container hands over an empty array): nothing to run or collect.
        if (validators is IValidator<TRequest>[] { Length: 0 }) return await next();

        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures
                .GroupBy(f => FieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }

        return await next();
    }

    /// <summary>
    /// "Body.Title" → "title": clients see camelCase leaf names, as in the JSON they sent. An item of a
    /// list keeps its path from the list on, so a batch names the item: "Plays[3].PlayedAt" → "plays[3].playedAt".
    /// From the first segment in lower case on, a name is a client path a validator wrote itself
    /// ("rules.conditions[2].operator") and stays whole.
    /// </summary>
    private static string FieldName(string propertyName)
    {
        var segments = propertyName.Split('.');
        var clientPath = Array.FindIndex(segments, s => s is [var first, ..] && char.IsLower(first));
        if (clientPath >= 0) return string.Join('.', segments[clientPath..]);
        var firstIndexed = Array.FindIndex(segments, s => s.Contains('['));
        return string.Join('.', segments[(firstIndexed < 0 ? segments.Length - 1 : firstIndexed)..].Select(CamelCase));
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
