using System.Globalization;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Versions of a resource as HTTP validators: <c>ETag: "7"</c> on responses, and the <c>If-Match</c> a write
/// sends back. <c>If-Match: *</c> or none means "whatever the version"; a stale one is a 412.
/// </summary>
internal static class VersionPreconditions
{
    /// <summary>The version <c>If-Match</c> names; null for none or <c>*</c>; a 400 for anything that is not one strong ETag.</summary>
    public static int? Parse(string? ifMatch)
    {
        var value = ifMatch?.Trim();
        if (string.IsNullOrEmpty(value) || value == "*") return null;
        return value is ['"', .. var inner, '"']
               && int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw RequestValidationException.For("If-Match", "'If-Match' must be the ETag of the playlist, such as \"7\", or *.");
    }

    public static void SetETag(this HttpResponse response, int version) =>
        response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
