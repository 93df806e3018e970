using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MusicPlayer.Api.Security;

/// <summary>
/// A fixed window per client address and endpoint on login, register and refresh
/// (<c>RateLimiting:Auth:PermitLimit</c> per <c>RateLimiting:Auth:WindowSeconds</c>, default 20 per 60 s).
/// Rejections are 429 problems with Retry-After. Counters live in this process (see the README on several instances).
/// </summary>
internal static class AuthRateLimiting
{
    public const string Policy = "auth";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimiting:Auth:PermitLimit", 20);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Auth:WindowSeconds", 60));

        return services.AddRateLimiter(options =>
        {
            // Keyed by the matched endpoint, not the raw path: routing ignores case and a trailing slash,
            // so "/api/v1/auth/LOGIN" or "/api/v1/auth/login/" must not count as a fresh endpoint.
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                $"{context.Connection.RemoteIpAddress}|{(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }));

            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Try again later." },
                });
            };
        });
    }
}
