namespace MusicPlayer.Api.Http;

/// <summary>
/// Logs transient failures (the database restarting, busy) once per burst: the first as a warning
/// with its cause, then nothing until <see cref="Quiet"/> has passed, when the next one is logged
/// with the number of requests it stood for. An outage under load is one line, not one per request.
/// </summary>
internal sealed class TransientFailureLog(ILogger<TransientFailureLog> logger, TimeProvider clock)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;

    public void Report(Exception exception) =>
        Report($"{exception.GetBaseException().Message} ({exception.GetBaseException().GetType().Name})");

    public void Report(string cause)
    {
        int suppressed;
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now - _lastLogged < Quiet)
            {
                _suppressed++;
                return;
            }
            suppressed = _suppressed;
            _suppressed = 0;
            _lastLogged = now;
        }

        logger.LogWarning("A dependency failed transiently; answering 503 until it recovers. Cause: {Cause}. {Suppressed} more since the last report",
            cause, suppressed);
    }
}
