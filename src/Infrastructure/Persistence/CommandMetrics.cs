using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicPlayer.Application.Common.Observability;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Reports how long every database command took, by provider, statement kind and outcome, to
/// <see cref="IServiceMetrics"/>. The statement kind is read from the command's first keyword, so the
/// label stays one of five values whatever the SQL says.
/// </summary>
internal sealed class CommandMetrics(IServiceMetrics metrics, string provider) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Record(command, eventData.Duration, failed: true);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Duration, failed: true);
        return Task.CompletedTask;
    }

    private void Record(DbCommand command, TimeSpan duration, bool failed) =>
        metrics.DatabaseCommandCompleted(provider, OperationOf(command.CommandText), failed, duration);

    /// <summary>The statement kind of <paramref name="sql"/>, from its first word (leading blanks and <c>--</c> comment lines skipped).</summary>
    internal static DatabaseOperation OperationOf(string? sql)
    {
        var text = sql.AsSpan();
        while (true)
        {
            text = text.TrimStart();
            if (!text.StartsWith("--", StringComparison.Ordinal)) break;
            var end = text.IndexOf('\n');
            if (end < 0) return DatabaseOperation.Other;
            text = text[(end + 1)..];
        }

        var length = 0;
        while (length < text.Length && char.IsAsciiLetter(text[length])) length++;
        var word = text[..length];
        return word.Equals("SELECT", StringComparison.OrdinalIgnoreCase) ? DatabaseOperation.Select
            : word.Equals("INSERT", StringComparison.OrdinalIgnoreCase) ? DatabaseOperation.Insert
            : word.Equals("UPDATE", StringComparison.OrdinalIgnoreCase) ? DatabaseOperation.Update
            : word.Equals("DELETE", StringComparison.OrdinalIgnoreCase) ? DatabaseOperation.Delete
            : DatabaseOperation.Other;
    }
}
