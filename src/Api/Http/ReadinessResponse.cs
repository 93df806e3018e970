using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicPlayer.Api.Http;

/// <summary>
/// The body of <c>/health/ready</c>: "Healthy" while the database answers; otherwise a 503 problem
/// document with Retry-After, like every other answer the service gives while its database is away.
/// Which check failed and why stays in the logs: an unreachable database once per burst as a warning
/// (<see cref="TransientFailureLog"/>; the health check service's own error line per probe is
/// filtered out), anything else as an error.
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

        var services = context.RequestServices;
        var detector = services.GetRequiredService<MusicPlayer.Application.Common.Errors.ITransientFailureDetector>();
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy))
        {
            if (entry.Exception is { } exception && !detector.IsTransient(exception))
                services.GetRequiredService<ILogger<HealthReport>>().LogError(exception, "Readiness check {Check} failed", name);
            else
                services.GetRequiredService<TransientFailureLog>().Report(entry.Exception?.Message ?? $"readiness check '{name}' cannot reach it");
        }

        context.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds;
        await services.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
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
