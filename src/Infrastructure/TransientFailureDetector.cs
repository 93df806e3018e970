using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using MusicPlayer.Application.Common.Errors;
using Npgsql;

namespace MusicPlayer.Infrastructure;

/// <summary>
/// The failures of the database and of the object store that pass by themselves. The database, for each provider: PostgreSQL shutting down,
/// starting up, out of connections or unreachable (and what Npgsql itself calls transient); SQLite
/// busy or locked beyond its busy timeout; SQL Server timeouts, lost connections, deadlocks and throttling; a retry
/// strategy that gave up. The object store (S3, MinIO): a 5xx answer or throttling (SlowDown), or no
/// answer at all. The exception and its inner exceptions are all examined.
/// </summary>
internal sealed class TransientFailureDetector : ITransientFailureDetector
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    // Timeout, connection failures, deadlock victim, and Azure SQL's throttling and failover errors.
    private static readonly HashSet<int> SqlServerTransientErrors = [-2, 20, 64, 233, 1205, 10053, 10054, 10060, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    public bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                               or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked;
                case SqlException sqlServer:
                    return sqlServer.IsTransient || sqlServer.Errors.Cast<SqlError>().Any(error => SqlServerTransientErrors.Contains(error.Number));
                case RetryLimitExceededException:
                    return true;
                case Amazon.Runtime.AmazonServiceException s3:
                    return (int)s3.StatusCode >= 500 || s3.ErrorCode is "SlowDown" or "ServiceUnavailable" or "RequestTimeout";
                case HttpRequestException { StatusCode: null }:
                    // No answer from the object store (refused, reset, timed out); the SDK wraps these.
                    return true;
            }
        }
        return false;
    }
}
