using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Api.Http;

/// <summary>
/// The one place where errors become HTTP: each application error kind maps to its status (the service
/// being too busy for a bounded resource, such as password hashing, is a 503 with Retry-After); a
/// transient failure of the database is a 503 with Retry-After (logged once per burst, see
/// <see cref="TransientFailureLog"/>); anything else is a plain 500 that reveals nothing (it is
/// logged, with the trace id the client sees).
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        WriteAsync(httpContext, exception, logger);

    /// <summary>Answers the request with the problem <paramref name="exception"/> stands for.</summary>
    public static async ValueTask<bool> WriteAsync(HttpContext httpContext, Exception exception, ILogger logger)
    {
        var problem = exception switch
        {
            RequestValidationException e => Validation(e.Errors),
            DomainException e => Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            UnauthenticatedException e => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", e.Message),
            InvalidTokenException e => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            DomainConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            PreconditionFailedException e => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", e.Message),
            PayloadTooLargeException e => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", e.Message),
            Application.Common.Audio.UnsupportedAudioException e =>
                Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported audio", e.Message),
            Application.Common.Audio.UnsupportedImageException e =>
                Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported image", e.Message),
            TooBusyException e => Busy(httpContext, e),
            TooManyRequestsException e => TooMany(httpContext, e),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                    $"The request body must not exceed {RequestBodyLimit.LimitOf(httpContext)} bytes."),
            BadHttpRequestException e => Problem(e.StatusCode, "Bad request", "The request could not be read."),
            _ => null,
        };

        var services = httpContext.RequestServices;
        if (problem is null && services.GetRequiredService<ITransientFailureDetector>().IsTransient(exception))
        {
            services.GetRequiredService<TransientFailureLog>().Report(exception);
            problem = Unavailable();
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception");
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred", null);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status401Unauthorized)
            httpContext.Response.Headers.WWWAuthenticate = exception is InvalidTokenException
                ? "Bearer error=\"invalid_token\""
                : "Bearer";

        var problems = services.GetRequiredService<IProblemDetailsService>();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>How long a client should wait before trying again after a 503.</summary>
    public const string RetryAfterSeconds = "5";

    private static ProblemDetails Busy(HttpContext httpContext, TooBusyException busy)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterHeader(busy.RetryAfter);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable", busy.Message);
    }

    private static ProblemDetails TooMany(HttpContext httpContext, TooManyRequestsException limited)
    {
        httpContext.Response.Headers.RetryAfter = RetryAfterHeader(limited.RetryAfter);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", limited.Message);
    }

    /// <summary>Whole seconds, rounded up, at least one: a client that waits this long is let in.</summary>
    public static string RetryAfterHeader(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ProblemDetails Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable",
            "The database is briefly unavailable; try again shortly.");

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
}

/// <summary>A bearer token was presented but is not valid (RFC 6750 <c>invalid_token</c>).</summary>
internal sealed class InvalidTokenException() : Exception("The bearer token is invalid or expired.");
