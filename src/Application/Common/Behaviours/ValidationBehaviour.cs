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
    /// "Body.Title" → "title": clients see camelCase leaf names, as in the JSON they sent. From the first segment
    /// in lower case on, a name is a client path a validator wrote itself ("rules.conditions[2].operator") and stays whole.
    /// </summary>
    private static string FieldName(string propertyName)
    {
        var segments = propertyName.Split('.');
        var clientPath = Array.FindIndex(segments, s => s is [var first, ..] && char.IsLower(first));
        if (clientPath >= 0) return string.Join('.', segments[clientPath..]);
        var leaf = propertyName[(propertyName.LastIndexOf('.') + 1)..];
        return leaf.Length == 0 ? leaf : char.ToLowerInvariant(leaf[0]) + leaf[1..];
    }
}
