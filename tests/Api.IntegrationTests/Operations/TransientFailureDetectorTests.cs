using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicPlayer.Infrastructure;
using Npgsql;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>
/// Which failures pass by themselves (answered 503 with Retry-After, logged once per burst) and which are
/// defects (500, logged as errors): the drivers' own exceptions, as they arrive, wrapped or not.
/// </summary>
public sealed class TransientFailureDetectorTests
{
    private readonly TransientFailureDetector _detector = new();

    public static TheoryData<string, Exception> Transient => new()
    {
        { "PostgreSQL shutting down", new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown) },
        { "PostgreSQL starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow) },
        { "PostgreSQL unreachable", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "SQLite busy, wrapped by EF", new DbUpdateException("save failed", new SqliteException("database is locked", 5)) },
        { "S3 unavailable", new AmazonS3Exception("unavailable") { StatusCode = HttpStatusCode.ServiceUnavailable } },
        { "S3 throttling", new AmazonS3Exception("slow down") { StatusCode = HttpStatusCode.BadRequest, ErrorCode = "SlowDown" } },
        { "object store unreachable", new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)) },
    };

    public static TheoryData<string, Exception> Defects => new()
    {
        { "a unique key", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation) },
        { "SQLite constraint", new SqliteException("constraint failed", 19) },
        { "S3 access denied", new AmazonS3Exception("denied") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" } },
        { "a bug", new InvalidOperationException("bug") },
        { "a null", new NullReferenceException() },
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void IsTransient_PassingFailures_IsTrue(string what, Exception exception) =>
        _detector.IsTransient(exception).Should().BeTrue(what);

    [Theory]
    [MemberData(nameof(Defects))]
    public void IsTransient_Defects_IsFalse(string what, Exception exception) =>
        _detector.IsTransient(exception).Should().BeFalse(what);
}
