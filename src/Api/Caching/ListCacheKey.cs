using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.Abstractions;
using MusicPlayer.Api.OpenApi;

namespace MusicPlayer.Api.Caching;

/// <summary>
/// The cache key of a list request: the action and the values of the parameters its query type
/// binds, in a canonical form (known names only, in a fixed order, numbers as numbers, empty or the
/// query type's default value as absent). Anything else in the query string cannot change the answer, so it cannot create an entry
/// or skip the cache either. Null when the request has a value this form cannot vouch for (a
/// repeated parameter, a number that is not plain digits): such a request is answered uncached.
/// </summary>
internal static class ListCacheKey
{
    private sealed record Parameter(string Name, bool IsNumber, string? Default);

    /// <summary>The parameters of each action's query type, found once per action (a hit is answered on every request).</summary>
    private static readonly ConcurrentDictionary<ActionDescriptor, Parameter[]> Parameters = new();

    public static string? For(HttpContext http, ActionDescriptor action)
    {
        // Song lists carry absolute URLs built from the request's origin unless PublicUrl is set: one origin's answer is not another's.
        var origin = Http.HttpSongUrls.Origin(http, http.RequestServices.GetRequiredService<IConfiguration>());
        var key = new StringBuilder("catalog-list:", 128).Append(action.Id).Append('|').Append(origin.Length).Append(':').Append(origin);
        foreach (var parameter in Parameters.GetOrAdd(action, a => Bindable(a.EndpointMetadata.OfType<ISendsRequest>().Single().RequestType)))
        {
            var values = http.Request.Query[parameter.Name];
            if (values.Count > 1) return null;
            var value = values.Count == 1 ? values[0] : null;
            if (string.IsNullOrEmpty(value)) continue;

            if (parameter.IsNumber)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
                value = number.ToString(CultureInfo.InvariantCulture);
            }

            if (value == parameter.Default) continue;
            key.Append('|').Append(parameter.Name).Append('=').Append(value.Length).Append(':').Append(value);
        }
        return key.ToString();
    }

    private static Parameter[] Bindable(Type request)
    {
        var defaults = Activator.CreateInstance(request);
        return request.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.CanWrite)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new Parameter(p.Name, (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(int),
                Convert.ToString(p.GetValue(defaults), CultureInfo.InvariantCulture) is { Length: > 0 } d ? d : null))
            .ToArray();
    }
}
