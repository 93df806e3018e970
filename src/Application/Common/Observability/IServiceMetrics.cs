namespace MusicPlayer.Application.Common.Observability;

/// <summary>
/// What the service counts about its own work, as a port: use cases and the persistence layer say
/// what happened, and the Api implements it with prometheus-net (<c>Api/Observability/ServiceMetrics.cs</c>),
/// so no layer below the Api references a metrics library.
/// Why a port rather than a <c>System.Diagnostics.Metrics.Meter</c> bridged by prometheus-net's meter
/// adapter: the adapter publishes .NET counters as Prometheus gauges and drops a series that has not
/// moved for a while, so an idle login counter would vanish and come back from zero; native
/// prometheus-net counters and histograms keep their types and their totals. Every label value passed
/// here comes from a small fixed set (an enum or a provider name), never from user input.
/// </summary>
public interface IServiceMetrics
{
    /// <summary>A login was answered: tokens were issued, or the credentials were refused.</summary>
    void LoginAttempted(LoginOutcome outcome);

    /// <summary>A like was added or taken back (a repeated like or unlike that changes nothing is not counted).</summary>
    void LikeChanged(LikeChange change);

    /// <summary>A database command finished or failed after <paramref name="duration"/>.</summary>
    void DatabaseCommandCompleted(string provider, DatabaseOperation operation, bool failed, TimeSpan duration);
}

public enum LoginOutcome
{
    Success,
    Failure,
}

public enum LikeChange
{
    Like,
    Unlike,
}

/// <summary>The statement a database command starts with; anything else (PRAGMA, DDL, transactions) is <see cref="Other"/>.</summary>
public enum DatabaseOperation
{
    Select,
    Insert,
    Update,
    Delete,
    Other,
}
