namespace MusicPlayer.Application.Common.Errors;

/// <summary>
/// Tells the failures of a dependency that pass by themselves (the database restarting, busy or out
/// of connections) from defects. They are answered with 503 and Retry-After and logged as warnings,
/// not as errors; the infrastructure knows its drivers' exceptions and supplies the detector.
/// </summary>
public interface ITransientFailureDetector
{
    bool IsTransient(Exception exception);
}

/// <summary>The detector when no infrastructure is registered: nothing is transient.</summary>
internal sealed class NoTransientFailures : ITransientFailureDetector
{
    public bool IsTransient(Exception exception) => false;
}
