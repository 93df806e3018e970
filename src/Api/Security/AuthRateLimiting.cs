using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.Security;

/// <summary>
/// The limits on the account endpoints, each a fixed window; rejections are 429 problems with Retry-After.
/// Counters live in this process (see the README on several instances).
/// <list type="bullet">
/// <item><see cref="Policy"/>: per client address and endpoint on login, register and refresh
/// (<c>RateLimiting:Auth:PermitLimit</c> per <c>RateLimiting:Auth:WindowSeconds</c>, default 20 per 60 s).
/// IPv6 clients count per /64, the block one subscriber is usually given (<see cref="ClientPartition"/>).</item>
/// <item><see cref="AccountLoginLimit"/>: per account on login, by normalized email, from every address together
/// (<c>RateLimiting:AccountLogin:PermitLimit</c> per <c>RateLimiting:AccountLogin:WindowSeconds</c>, default 10 per 60 s).</item>
/// <item><see cref="PasswordChangePolicy"/>: per signed-in user on the password change
/// (<c>RateLimiting:PasswordChange:PermitLimit</c> per <c>RateLimiting:PasswordChange:WindowSeconds</c>, default 5 per 300 s).</item>
/// </list>
/// </summary>
internal static class AuthRateLimiting
{
    public const string Policy = "auth";
    public const string PasswordChangePolicy = "password-change";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = Window(configuration, "Auth", 20, 60);
        var passwordChange = Window(configuration, "PasswordChange", 5, 300);
        services.AddSingleton(new AccountLoginLimit(Window(configuration, "AccountLogin", 10, 60)));

        return services.AddRateLimiter(options =>
        {
            // Keyed by the matched endpoint, not the raw path: routing ignores case and a trailing slash,
            // so "/api/v1/auth/LOGIN" or "/api/v1/auth/login/" must not count as a fresh endpoint.
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                $"{ClientPartition.Of(context.Connection.RemoteIpAddress)}|{(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}",
                _ => auth));

            // Authentication and authorization have run: only signed-in users reach here, keyed by their id.
            options.AddPolicy(PasswordChangePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(ClaimNames.Subject)?.Value ?? ClientPartition.Of(context.Connection.RemoteIpAddress),
                _ => passwordChange));

            options.OnRejected = (context, _) =>
                RateLimitProblem.WriteAsync(context.HttpContext,
                    context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60));
        });
    }

    private static FixedWindowRateLimiterOptions Window(IConfiguration configuration, string name, int permitLimit, int windowSeconds) => new()
    {
        PermitLimit = configuration.GetValue($"RateLimiting:{name}:PermitLimit", permitLimit),
        Window = TimeSpan.FromSeconds(configuration.GetValue($"RateLimiting:{name}:WindowSeconds", windowSeconds)),
        QueueLimit = 0,
    };
}

/// <summary>The partition key of a client address for rate limits: IPv4 as is, IPv6 by its /64 prefix.</summary>
internal static class ClientPartition
{
    public static string Of(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();

        // One subscriber usually holds a whole /64 and can pick any address in it: the prefix is the client.
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}

/// <summary>Writes the 429 problem every rate limit answers with.</summary>
internal static class RateLimitProblem
{
    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Http.ProblemExceptionHandler.RetryAfterHeader(retryAfter);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Try again later." },
        });
    }
}
