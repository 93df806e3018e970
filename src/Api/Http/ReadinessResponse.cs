using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicPlayer.Api.Http;

/// <summary>
/// The body of <c>/health/ready</c>: "Healthy" while the database answers; otherwise a 503 problem
/// document with Retry-After, like every other answer the service gives while its database is away.
/// Which check failed and why stays in the logs.
/// </summary>
internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Unhealthy)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(report.Status.ToString());
            return;
        }

        context.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Not ready",
                Detail = "The database does not answer; try again shortly.",
            },
        });
    }
}
