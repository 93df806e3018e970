using System.Linq.Expressions;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Playlists;

/// <summary>
/// Turns checked rules into one expression over <see cref="Song"/> that the database runs (EF Core translates it;
/// the in-memory fakes run the very same tree). Values enter as captured variables, so the SQL is parameterised.
/// Text compares the case-folded columns, exactly as the song list's filters do, so case never matters and
/// SQLite and PostgreSQL agree.
/// </summary>
public static class SmartRuleCompiler
{
    /// <summary>The filter of <paramref name="rules"/> for <paramref name="ownerId"/> at <paramref name="now"/>; null matches every song.</summary>
    public static Expression<Func<Song, bool>>? Filter(SmartRuleSet rules, int ownerId, DateTime now)
    {
        if (rules.Conditions.Count == 0) return null;
        var song = Expression.Parameter(typeof(Song), "s");
        var body = rules.Conditions
            .Select(c => Bind(Condition(c, ownerId, now), song))
            .Aggregate((a, b) => rules.MatchAll ? Expression.AndAlso(a, b) : Expression.OrElse(a, b));
        return Expression.Lambda<Func<Song, bool>>(body, song);
    }

    private static Expression<Func<Song, bool>> Condition(SmartCondition c, int ownerId, DateTime now) => c.Field switch
    {
        RuleField.Title => Text(s => s.NormalizedTitle, c),
        RuleField.Artist => Text(s => s.NormalizedArtist, c),
        RuleField.Genre => Text(s => s.NormalizedGenre, c),
        RuleField.Album => AlbumTitle(c),
        RuleField.ReleaseYear => ReleaseYear(c),
        RuleField.Duration => Number(s => s.Duration, c),
        RuleField.LikeCount => Number(s => s.LikeCount, c),
        RuleField.PlayCount => Number(PlayFacts.PlayCount, c),
        RuleField.AddedAt => Time(s => s.CreatedAt, c, now),
        RuleField.LastPlayedAt => Time(PlayFacts.LastPlayedAt(ownerId), c, now),
        RuleField.LikedByOwner => LikedBy(ownerId, c.Flag),
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.Field, "Unknown field."),
    };

    private static Expression<Func<Song, bool>> Text(Expression<Func<Song, string>> column, SmartCondition c)
    {
        var test = Compose(column, TextTest(c));
        return c.Operator is RuleOperator.IsNot or RuleOperator.NotContains ? Not(test) : test;
    }

    // On any of the song's albums; the negative operators mean "on no album that ...", so a song on no album matches them.
    private static Expression<Func<Song, bool>> AlbumTitle(SmartCondition c)
    {
        var test = TextTest(c);
        var link = Expression.Parameter(typeof(AlbumSong), "l");
        var onLink = Expression.Lambda<Func<AlbumSong, bool>>(
            Replace(test.Body, test.Parameters[0], Expression.Property(Expression.Property(link, nameof(AlbumSong.Album)), nameof(CatalogItem.NormalizedTitle))),
            link);
        var song = Expression.Parameter(typeof(Song), "s");
        var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(AlbumSong)],
            Expression.Property(song, nameof(Song.Albums)), onLink);
        var positive = Expression.Lambda<Func<Song, bool>>(any, song);
        return c.Operator is RuleOperator.IsNot or RuleOperator.NotContains ? Not(positive) : positive;
    }

    // The positive form of a text operator over the folded column: isNot and notContains are its negation.
    private static Expression<Func<string, bool>> TextTest(SmartCondition c)
    {
        var folded = Domain.Common.Text.Normalize(c.Text!);
        return c.Operator switch
        {
            RuleOperator.Is or RuleOperator.IsNot => v => v == folded,
            RuleOperator.Contains or RuleOperator.NotContains => v => v.Contains(folded),
            RuleOperator.StartsWith => v => v.StartsWith(folded),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator, "Not a text operator."),
        };
    }

    private static Expression<Func<Song, bool>> Number<T>(Expression<Func<Song, T>> column, SmartCondition c)
    {
        var widened = Expression.Lambda<Func<Song, long?>>(Expression.Convert(column.Body, typeof(long?)), column.Parameters);
        var (low, high) = (c.Low, c.High);
        Expression<Func<long?, bool>> test = c.Operator switch
        {
            RuleOperator.Is => v => v == low,
            RuleOperator.Gt => v => v > low,
            RuleOperator.Lt => v => v < low,
            RuleOperator.Between => v => v >= low && v <= high,
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator, "Not a number operator."),
        };
        return Compose(widened, test);
    }

    // Years as ranges of the release date, so the comparison needs no date function and reads an index where there is one.
    private static Expression<Func<Song, bool>> ReleaseYear(SmartCondition c)
    {
        DateOnly Start(long year) => new((int)year, 1, 1);
        var from = Start(c.Low);
        var next = c.Low < 9999 ? Start(c.Low + 1) : DateOnly.MaxValue;
        var upTo = c.High is > 0 and < 9999 ? Start(c.High + 1) : DateOnly.MaxValue;
        return c.Operator switch
        {
            RuleOperator.Is => s => s.ReleaseDate >= from && s.ReleaseDate < next,
            RuleOperator.Gt => s => s.ReleaseDate >= next,
            RuleOperator.Lt => s => s.ReleaseDate < from,
            RuleOperator.Between => s => s.ReleaseDate >= from && s.ReleaseDate < upTo,
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator, "Not a number operator."),
        };
    }

    // A date alone means the whole day: before it is before its start, after it is from the next day on.
    private static Expression<Func<Song, bool>> Time<T>(Expression<Func<Song, T>> column, SmartCondition c, DateTime now)
    {
        var widened = Expression.Lambda<Func<Song, DateTime?>>(Expression.Convert(column.Body, typeof(DateTime?)), column.Parameters);
        var cutoff = c.Operator is RuleOperator.InLastDays or RuleOperator.NotInLastDays ? now.AddDays(-c.Low) : c.Time!.Value;
        // The last day there is has no next day: nothing is after it.
        var after = c.Time is { TimeOfDay.Ticks: 0 } day ? (day < DateTime.MaxValue.Date ? day.AddDays(1) : DateTime.MaxValue) : cutoff;
        Expression<Func<DateTime?, bool>> test = c.Operator switch
        {
            RuleOperator.InLastDays => t => t >= cutoff,
            // Never (null) is "not in the last days" too.
            RuleOperator.NotInLastDays => t => t == null || t < cutoff,
            RuleOperator.Before => t => t < cutoff,
            RuleOperator.After => c.Time is { TimeOfDay.Ticks: 0 } ? t => t >= after : t => t > after,
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Operator, "Not a time operator."),
        };
        return Compose(widened, test);
    }

    private static Expression<Func<Song, bool>> LikedBy(int ownerId, bool liked) =>
        liked ? s => s.Likes.Any(l => l.UserId == ownerId) : s => !s.Likes.Any(l => l.UserId == ownerId);

    private static Expression<Func<Song, bool>> Compose<T>(Expression<Func<Song, T>> column, Expression<Func<T, bool>> test) =>
        Expression.Lambda<Func<Song, bool>>(Replace(test.Body, test.Parameters[0], column.Body), column.Parameters);

    private static Expression<Func<Song, bool>> Not(Expression<Func<Song, bool>> test) =>
        Expression.Lambda<Func<Song, bool>>(Expression.Not(test.Body), test.Parameters);

    private static Expression Bind(Expression<Func<Song, bool>> condition, ParameterExpression song) =>
        Replace(condition.Body, condition.Parameters[0], song);

    private static Expression Replace(Expression body, ParameterExpression from, Expression to) =>
        ExpressionRewriter.Replace(body, from, to);
}
