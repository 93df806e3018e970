using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.Features.Stats;

/// <summary>The service at a glance: how many users, songs, albums and plays, and what storage holds. Admins only.</summary>
public static class GetOverview
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Query : IRequest<OverviewDto>;

    internal sealed class Handler(IOverviewCounts counts) : IRequestHandler<Query, OverviewDto>
    {
        public Task<OverviewDto> Handle(Query request, CancellationToken cancellationToken) => counts.CountAsync(cancellationToken);
    }
}

/// <summary>
/// Counts every table the overview reports, in the database; the one place a new kind of resource adds its count.
/// </summary>
public interface IOverviewCounts
{
    Task<OverviewDto> CountAsync(CancellationToken cancellationToken);
}

/// <summary>The admin overview.</summary>
public sealed record OverviewDto
{
    public int Users { get; init; }
    public int Songs { get; init; }
    public int Albums { get; init; }

    /// <summary>Every playlist, private or public, manual or smart.</summary>
    public int Playlists { get; init; }

    /// <summary>Every recorded play, counted or not.</summary>
    public long Plays { get; init; }

    /// <summary>Bytes of stored audio and cover files; bytes shared by several songs or albums count once.</summary>
    public long StoredBytes { get; init; }

    /// <summary>Stored audio and cover files; one file shared by several songs or albums counts once.</summary>
    public int StoredFiles { get; init; }
}
