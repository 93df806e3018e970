namespace MusicPlayer.Application.Common.Errors;

/// <summary>
/// The application's single error channel: handlers and behaviours throw these, and the API maps
/// each kind to one HTTP status in one place. Messages are written for clients.
/// </summary>
public abstract class AppException(string message) : Exception(message);

/// <summary>No such resource (404).</summary>
public sealed class NotFoundException(string resource, object key)
    : AppException($"{resource} {key} was not found.");

/// <summary>The caller is not authenticated (401).</summary>
public sealed class UnauthenticatedException(string message = "Authentication is required.") : AppException(message);

/// <summary>The caller is authenticated but may not do this (403).</summary>
public sealed class ForbiddenException(string message = "You do not have permission to do this.") : AppException(message);

/// <summary>The request conflicts with existing data (409).</summary>
public sealed class ConflictException(string message) : AppException(message);

/// <summary>The caller's precondition (If-Match) names a version the resource no longer has (412); nothing changed.</summary>
public sealed class PreconditionFailedException(string message = "The resource has changed since the version given in If-Match; reload it and try again.")
    : AppException(message);

/// <summary>The request body is larger than the operation takes (413).</summary>
public sealed class PayloadTooLargeException(string message) : AppException(message);

/// <summary>The request is invalid (400); failures grouped by camelCase field name.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : AppException("One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// The service is too busy to do this now (503 with Retry-After): a bounded resource, such as password
/// hashing, has no room and its queue is full or was waited on long enough.
/// </summary>
public sealed class TooBusyException(TimeSpan retryAfter, string message = "The service is busy; try again shortly.") : AppException(message)
{
    /// <summary>How long the client should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The caller has used up a limit of theirs (429 with Retry-After), such as comments per minute.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter, string message = "Too many requests; try again later.") : AppException(message)
{
    /// <summary>How long until the limit lets the caller in again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
