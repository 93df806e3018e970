using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MusicPlayer.Api.Security;

/// <summary>
/// A fixed window per client address (IPv6 per /64) on the public album and song lists for anonymous
/// callers (<c>RateLimiting:Lists:PermitLimit</c> per <c>RateLimiting:Lists:WindowSeconds</c>, default 300 per
/// 60 s: generous for a person or a player, not for a crawler running uncached searches). Signed-in callers
/// are not limited here. Rejections are the same 429 problem with Retry-After as every limit.
/// </summary>
internal static class ListRateLimiting
{
    public const string Policy = "catalog-lists";

    public static IServiceCollection AddListRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("RateLimiting:Lists:PermitLimit", 300),
            Window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Lists:WindowSeconds", 60)),
            QueueLimit = 0,
        };
        return services.Configure<RateLimiterOptions>(options => options.AddPolicy(Policy, context =>
            context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("signed-in")
                : RateLimitPartition.GetFixedWindowLimiter(ClientPartition.Of(context.Connection.RemoteIpAddress), _ => window)));
    }
}
