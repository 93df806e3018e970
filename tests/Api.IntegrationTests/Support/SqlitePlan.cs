using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>SQLite's query plans, for the tests that a read searches indexes rather than scanning tables.</summary>
public static partial class SqlitePlan
{
    /// <summary>
    /// The steps (the detail column of <c>EXPLAIN QUERY PLAN</c>) of every statement of <paramref name="sql"/>, each named
    /// parameter (<c>@name</c>) bound to <paramref name="value"/>. Lines of sqlite3 dot-commands (the <c>.param set</c>
    /// lines of EF Core's <c>ToQueryString</c>) are left out.
    /// </summary>
    public static async Task<List<string>> StepsAsync(DbContext db, string sql, object value)
    {
        await db.Database.OpenConnectionAsync();
        var statements = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith('.')))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var steps = new List<string>();
        foreach (var statement in statements)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + statement;
            foreach (var name in Parameter().Matches(statement).Select(m => m.Value).Distinct())
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        }
        return steps;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
