using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// The cache key of a list request: the action and the values of the parameters it binds from the route
/// and from the query string (the properties of its query type, or its plain query parameters), in a canonical
/// form (known names only, in a fixed order, numbers as numbers, empty or the default value as absent).
/// Anything else in the query string cannot change the answer, so it cannot create an entry
/// or skip the cache either. Null when the request has a value this form cannot vouch for (a
/// repeated parameter, a number that is not plain digits): such a request is answered uncached.
/// </summary>
internal static class ListCacheKey
{
    private sealed record Parameter(string Name, bool IsNumber, string? Default, bool InRoute = false);

    /// <summary>The parameters of each action, found once per action (a hit is answered on every request).</summary>
    private static readonly ConcurrentDictionary<ActionDescriptor, Parameter[]> Parameters = new();

    public static string? For(HttpContext http, ActionDescriptor action)
    {
        // Song lists carry absolute URLs built from the request's origin unless PublicUrl is set: one origin's answer is not another's.
        var origin = Http.HttpSongUrls.Origin(http, http.RequestServices.GetRequiredService<IConfiguration>());
        var key = new StringBuilder("catalog-list:", 128).Append(action.Id).Append('|').Append(origin.Length).Append(':').Append(origin);
        foreach (var parameter in Parameters.GetOrAdd(action, Bindable))
        {
            var values = parameter.InRoute ? new StringValues(http.GetRouteValue(parameter.Name) as string) : http.Request.Query[parameter.Name];
            if (values.Count > 1) return null;
            var value = values.Count == 1 ? values[0] : null;
            if (string.IsNullOrEmpty(value)) continue;

            if (parameter.IsNumber)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
                value = number.ToString(CultureInfo.InvariantCulture);
            }

            if (value == parameter.Default) continue;
            key.Append(parameter.InRoute ? '/' : '|').Append(parameter.Name).Append('=').Append(value.Length).Append(':').Append(value);
        }
        return key.ToString();
    }

    /// <summary>
    /// The action's route parameters, then what it binds from the query string: each property of a query type
    /// (with the defaults of a new one), or a plain parameter (with its declared default).
    /// </summary>
    private static Parameter[] Bindable(ActionDescriptor action)
    {
        // Every parameter of the route template, bound or not: a value of the path can never be left out of the key.
        var route = RoutePatternFactory.Parse(action.AttributeRouteInfo?.Template ?? "").Parameters
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new Parameter(p.Name, action.Parameters.Any(a => a.Name == p.Name && IsNumber(a.ParameterType)), Default: null, InRoute: true));
        var query = action.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Query)
            .SelectMany(p => IsSimple(p.ParameterType) ? [Plain(p)] : Properties(p.ParameterType))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase);
        return route.Concat(query).ToArray();
    }

    private static Parameter Plain(ParameterDescriptor parameter) =>
        new(parameter.BindingInfo?.BinderModelName ?? parameter.Name, IsNumber(parameter.ParameterType),
            parameter is ControllerParameterDescriptor { ParameterInfo: { HasDefaultValue: true } info } ? Text(info.DefaultValue) : null);

    private static IEnumerable<Parameter> Properties(Type query)
    {
        var defaults = Activator.CreateInstance(query);
        return query.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.CanWrite)
            .Select(p => new Parameter(p.Name, IsNumber(p.PropertyType), Text(p.GetValue(defaults))));
    }

    private static bool IsSimple(Type type) => TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static bool IsNumber(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(int);

    private static string? Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;
}
