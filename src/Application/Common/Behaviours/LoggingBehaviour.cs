using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour: times every request and logs the failures nobody expected. A transient
/// failure of the database is expected now and then: the HTTP edge logs it once per burst, so it is
/// only a debug line here.
/// </summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(
    ILogger<LoggingBehaviour<TRequest, TResponse>> logger, ITransientFailureDetector transientFailures)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            // Checked first: the arguments (an array, a boxed double) would be made on every request even with Debug off.
            if (logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("Handled {Request} in {ElapsedMs:0.0} ms", typeof(TRequest).FullName,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (AppException ex)
        {
            logger.LogInformation("{Request} refused: {Reason}", typeof(TRequest).FullName, ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (transientFailures.IsTransient(ex))
        {
            logger.LogDebug("{Request} met a transient failure: {Reason}", typeof(TRequest).FullName, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Request} failed after {ElapsedMs:0.0} ms", typeof(TRequest).FullName,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
