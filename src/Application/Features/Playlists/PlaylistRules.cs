using System.Globalization;
using System.Text.Json;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// A smart playlist's rules as clients write and read them:
/// <c>{match, conditions: [{field, operator, value}], sort?, limit?}</c>. <see cref="SmartRules.Parse"/> checks
/// them field by field and turns them into a <see cref="SmartRuleSet"/>.
/// </summary>
public sealed record PlaylistRules
{
    /// <summary><c>all</c> (every condition holds) or <c>any</c> (at least one does).</summary>
    public string Match { get; init; } = "";

    /// <summary>At most 20; none (or none given) matches every song.</summary>
    public IReadOnlyList<RuleCondition> Conditions { get; init; } = [];

    /// <summary>A song list sort key, or <c>random</c>; default <c>title</c>.</summary>
    public string? Sort { get; init; } = null;

    /// <summary>How many songs the playlist holds at most, 1..1000; default 500.</summary>
    public int? Limit { get; init; } = null;
}

/// <summary>One condition: a song <c>field</c>, an <c>operator</c> the field takes, and the value it compares with.</summary>
public sealed record RuleCondition
{
    public string Field { get; init; } = "";
    public string Operator { get; init; } = "";

    /// <summary>Text for text fields; an integer for numbers (a pair <c>[low, high]</c> for <c>between</c>); days (integer) or a date for times; a boolean for <c>likedByOwner</c>.</summary>
    public JsonElement Value { get; init; }
}

public enum RuleField { Title, Artist, Album, Genre, ReleaseYear, Duration, LikeCount, PlayCount, AddedAt, LastPlayedAt, LikedByOwner }

public enum RuleOperator { Is, IsNot, Contains, NotContains, StartsWith, Gt, Lt, Between, InLastDays, NotInLastDays, Before, After }

/// <summary>A checked condition; which value is set depends on the operator.</summary>
public sealed record SmartCondition(RuleField Field, RuleOperator Operator, string? Text = null, long Low = 0, long High = 0,
    DateTime? Time = null, bool Flag = false);

/// <summary>Checked rules, ready to compile (<see cref="SmartRuleCompiler"/>).</summary>
public sealed record SmartRuleSet(bool MatchAll, IReadOnlyList<SmartCondition> Conditions, string Sort, int Limit);

/// <summary>The vocabulary of the rules and their field-by-field check.</summary>
public static class SmartRules
{
    public const int MaxConditions = 20;
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;
    public const int MaxDays = 36_500;
    public const int MaxTextLength = 100;

    public static readonly IReadOnlyList<string> MatchValues = ["all", "any"];

    public static readonly IReadOnlyList<string> SortKeys =
        ["title", "-title", "artist", "-artist", "createdAt", "-createdAt", "-likeCount", "random"];

    public static readonly IReadOnlyList<string> TextOperators = ["is", "isNot", "contains", "notContains", "startsWith"];
    public static readonly IReadOnlyList<string> NumberOperators = ["is", "gt", "lt", "between"];
    public static readonly IReadOnlyList<string> TimeOperators = ["inLastDays", "notInLastDays", "before", "after"];
    public static readonly IReadOnlyList<string> FlagOperators = ["is"];

    /// <summary>Every field with the operators it takes, in the order the contract lists them.</summary>
    public static readonly IReadOnlyList<(string Name, RuleField Field, IReadOnlyList<string> Operators)> Fields =
    [
        ("title", RuleField.Title, TextOperators), ("artist", RuleField.Artist, TextOperators),
        ("album", RuleField.Album, TextOperators), ("genre", RuleField.Genre, TextOperators),
        ("releaseYear", RuleField.ReleaseYear, NumberOperators), ("duration", RuleField.Duration, NumberOperators),
        ("likeCount", RuleField.LikeCount, NumberOperators), ("playCount", RuleField.PlayCount, NumberOperators),
        ("addedAt", RuleField.AddedAt, TimeOperators), ("lastPlayedAt", RuleField.LastPlayedAt, TimeOperators),
        ("likedByOwner", RuleField.LikedByOwner, FlagOperators),
    ];

    public static readonly IReadOnlyList<string> OperatorNames =
        ["is", "isNot", "contains", "notContains", "startsWith", "gt", "lt", "between", "inLastDays", "notInLastDays", "before", "after"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// Checks <paramref name="rules"/>; every problem is reported under its path (<c>rules.match</c>,
    /// <c>rules.conditions[2].operator</c>, <c>rules.conditions[0].value</c>). Null when any was found.
    /// </summary>
    public static SmartRuleSet? Parse(PlaylistRules rules, ICollection<(string Path, string Message)> problems)
    {
        var before = problems.Count;
        var match = rules.Match switch
        {
            "all" => true,
            "any" => false,
            _ => Problem(problems, "rules.match", "'match' must be 'all' or 'any'.", result: true),
        };
        var sort = rules.Sort ?? "title";
        if (!SortKeys.Contains(sort)) problems.Add(("rules.sort", $"'sort' must be one of: {string.Join(", ", SortKeys)}."));
        var limit = rules.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) problems.Add(("rules.limit", $"'limit' must be between 1 and {MaxLimit}."));

        var conditions = new List<SmartCondition>();
        // JSON may still say "conditions": null; that, like none, is no condition.
        var given = (IReadOnlyList<RuleCondition>?)rules.Conditions ?? [];
        if (given.Count > MaxConditions) problems.Add(("rules.conditions", $"At most {MaxConditions} conditions."));
        else
        {
            for (var i = 0; i < given.Count; i++)
                if (ParseCondition(given[i], $"rules.conditions[{i}]", problems) is { } condition) conditions.Add(condition);
        }

        return problems.Count == before ? new SmartRuleSet(match, conditions, sort, limit) : null;
    }

    /// <summary>The canonical JSON a checked rule set is stored as (text trimmed, defaults written out).</summary>
    public static string ToJson(SmartRuleSet rules) => JsonSerializer.Serialize(ToRules(rules), Json);

    /// <summary>Stored rules back as clients see them.</summary>
    public static PlaylistRules FromJson(string json) => JsonSerializer.Deserialize<PlaylistRules>(json, Json)!;

    /// <summary>Stored rules, checked again (they were checked when stored), ready to compile.</summary>
    public static SmartRuleSet Load(string json)
    {
        var problems = new List<(string, string)>();
        return Parse(FromJson(json), problems)
               ?? throw new InvalidOperationException($"Stored smart playlist rules no longer pass: {string.Join("; ", problems)}");
    }

    private static PlaylistRules ToRules(SmartRuleSet rules) => new()
    {
        Match = rules.MatchAll ? "all" : "any",
        Conditions = rules.Conditions.Select(c => new RuleCondition
        {
            Field = Fields.Single(f => f.Field == c.Field).Name,
            Operator = OperatorNames[(int)c.Operator],
            Value = ValueOf(c),
        }).ToList(),
        Sort = rules.Sort,
        Limit = rules.Limit,
    };

    private static JsonElement ValueOf(SmartCondition c) => c switch
    {
        { Field: RuleField.LikedByOwner } => JsonSerializer.SerializeToElement(c.Flag),
        { Operator: RuleOperator.Between } => JsonSerializer.SerializeToElement(new[] { c.Low, c.High }),
        { Time: { } time } => JsonSerializer.SerializeToElement(time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
        { Text: { } text } => JsonSerializer.SerializeToElement(text),
        _ => JsonSerializer.SerializeToElement(c.Low),
    };

    private static SmartCondition? ParseCondition(RuleCondition? condition, string path, ICollection<(string, string)> problems)
    {
        if (condition is null) return Problem<SmartCondition>(problems, path, "A condition is required.");
        var field = Fields.FirstOrDefault(f => f.Name == condition.Field);
        if (field.Name is null)
            return Problem<SmartCondition>(problems, $"{path}.field",
                $"'field' must be one of: {string.Join(", ", Fields.Select(f => f.Name))}.");
        if (condition.Operator is not { } name || !field.Operators.Contains(name))
            return Problem<SmartCondition>(problems, $"{path}.operator",
                $"'operator' of '{field.Name}' must be one of: {string.Join(", ", field.Operators)}.");
        var op = (RuleOperator)OperatorNames.ToList().IndexOf(name);
        var value = condition.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? (JsonElement?)null : condition.Value;
        var valuePath = $"{path}.value";
        var parsed = field.Operators == TextOperators ? TextCondition(field.Field, op, value)
            : field.Operators == NumberOperators ? NumberCondition(field.Field, op, value)
            : field.Operators == TimeOperators ? TimeCondition(field.Field, op, value)
            : value is { ValueKind: JsonValueKind.True or JsonValueKind.False } flag
                ? new SmartCondition(field.Field, op, Flag: flag.GetBoolean())
                : null;
        if (parsed is not null) return parsed;
        problems.Add((valuePath, ValueRule(field.Field, op)));
        return null;
    }

    /// <summary>What the value of <paramref name="field"/> with <paramref name="op"/> must be, for the 400's message.</summary>
    private static string ValueRule(RuleField field, RuleOperator op) => (field, op) switch
    {
        (RuleField.LikedByOwner, _) => "'value' must be true or false.",
        (RuleField.ReleaseYear, RuleOperator.Between) => "'value' must be a pair of years [low, high] (1..9999) with low <= high.",
        (RuleField.ReleaseYear, _) => "'value' must be a year, an integer 1..9999.",
        (RuleField.Duration or RuleField.LikeCount or RuleField.PlayCount, RuleOperator.Between) =>
            $"'value' must be a pair of integers [low, high] (0..{int.MaxValue}) with low <= high.",
        (RuleField.Duration or RuleField.LikeCount or RuleField.PlayCount, _) => $"'value' must be an integer 0..{int.MaxValue}.",
        (_, RuleOperator.InLastDays or RuleOperator.NotInLastDays) => $"'value' must be a number of days, an integer 1..{MaxDays}.",
        (_, RuleOperator.Before or RuleOperator.After) => "'value' must be a date (2024-05-31) or a UTC date and time (2024-05-31T12:00:00Z).",
        _ => $"'value' must be text of 1..{MaxTextLength} characters without control or invisible format characters.",
    };

    private static SmartCondition? TextCondition(RuleField field, RuleOperator op, JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } v) return null;
        var text = Text.Clean(v.GetString());
        return text is null || text.Length > MaxTextLength || Text.HasForbiddenCharacters(text)
            ? null
            : new SmartCondition(field, op, Text: text);
    }

    private static SmartCondition? NumberCondition(RuleField field, RuleOperator op, JsonElement? value)
    {
        var (min, max) = field == RuleField.ReleaseYear ? (1L, 9999L) : (0L, int.MaxValue);
        bool InRange(JsonElement e, out long n)
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out n) && n >= min && n <= max) return true;
            n = 0;
            return false;
        }

        if (op == RuleOperator.Between)
        {
            if (value is not { ValueKind: JsonValueKind.Array } pair || pair.GetArrayLength() != 2) return null;
            return InRange(pair[0], out var low) && InRange(pair[1], out var high) && low <= high
                ? new SmartCondition(field, op, Low: low, High: high)
                : null;
        }
        return value is { } single && InRange(single, out var n2) ? new SmartCondition(field, op, Low: n2) : null;
    }

    private static SmartCondition? TimeCondition(RuleField field, RuleOperator op, JsonElement? value)
    {
        if (op is RuleOperator.InLastDays or RuleOperator.NotInLastDays)
            return value is { ValueKind: JsonValueKind.Number } days && days.TryGetInt32(out var n) && n is >= 1 and <= MaxDays
                ? new SmartCondition(field, op, Low: n)
                : null;
        if (value is not { ValueKind: JsonValueKind.String } text || text.GetString() is not { } s) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new SmartCondition(field, op, Time: date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        return s.Length > 10 && s.Contains('T')
               && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
               && moment.Year is > 1 and < 9999
            ? new SmartCondition(field, op, Time: moment.UtcDateTime)
            : null;
    }

    private static T? Problem<T>(ICollection<(string, string)> problems, string path, string message, T? result = default)
    {
        problems.Add((path, message));
        return result;
    }
}
