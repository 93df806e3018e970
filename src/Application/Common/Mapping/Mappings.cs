using System.Linq.Expressions;
using Mapster;
using Mapster.Models;

namespace MusicPlayer.Application.Common.Mapping;

/// <summary>
/// The application's one Mapster configuration: every <see cref="IRegister"/> of this assembly (one per
/// feature: <c>AlbumMappings</c>, <c>SongMappings</c>, <c>LikeMappings</c>, <c>UserMappings</c>), built
/// once. Specifications are created with <c>new</c> inside handlers, so they reach it here rather than
/// through the container; <c>AddApplication</c> registers this same instance as the singleton
/// <see cref="TypeAdapterConfig"/>. A unit test compiles it, so a broken mapping fails a test, not a request.
/// </summary>
public static class Mappings
{
    public static TypeAdapterConfig Config { get; } = Create();

    /// <summary>
    /// A fresh configuration with every feature's mappings. Strict: a pair nobody configured is refused
    /// (so the compile test sees every mapping in use), and so is a DTO member with no source.
    /// </summary>
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig
        {
            RequireExplicitMapping = true,
            RequireDestinationMemberSource = true,
        };
        config.Scan(typeof(Mappings).Assembly);
        return config;
    }

    /// <summary>
    /// The projection Mapster builds from <typeparamref name="TSource"/> to <typeparamref name="TResult"/>: a plain
    /// member-init expression, which EF Core translates to a SELECT of just those columns and the in-memory fakes
    /// run on LINQ to objects. Built once per pair.
    /// </summary>
    public static Expression<Func<TSource, TResult>> Projection<TSource, TResult>() => ProjectionOf<TSource, TResult>.Expression;

    /// <summary><paramref name="source"/> (an entity in memory: one just created or changed) as <typeparamref name="TResult"/>.</summary>
    public static TResult Map<TSource, TResult>(TSource source) => source.Adapt<TSource, TResult>(Config);

    private static class ProjectionOf<TSource, TResult>
    {
        public static readonly Expression<Func<TSource, TResult>> Expression = (Expression<Func<TSource, TResult>>)
            Config.CreateMapExpression(new TypeTuple(typeof(TSource), typeof(TResult)), MapType.Projection);
    }
}
