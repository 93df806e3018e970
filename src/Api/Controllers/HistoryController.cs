using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Stats;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1")]
[Tags("Listening history")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class HistoryController(IMediator mediator) : ControllerBase
{
    /// <summary>Report plays</summary>
    /// <remarks>
    /// A batch of 1..500 plays, e.g. from a client that was offline. playedAt defaults to now and may be at most 5 minutes
    /// ahead and 30 days back. A play whose clientPlayId you already reported is a duplicate and counts once, so a batch can be
    /// retried safely. A play counts (playCount, charts, statistics) when secondsPlayed is at least half the song's duration or
    /// 240 seconds, whichever is less (30 seconds for songs without a duration). An unknown song fails the batch, naming it.
    /// </remarks>
    [HttpPost("users/me/plays")]
    [Sends<RecordPlays.Command>]
    [Authorize]
    [Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<RecordPlaysResult>> RecordPlays(RecordPlays.Command body, CancellationToken ct) =>
        Ok(await mediator.Send(body, ct));

    /// <summary>List my plays</summary>
    /// <remarks>Newest first, each with its song and whether it counted.</remarks>
    [HttpGet("users/me/history")]
    [Sends<ListMyHistory.Query>]
    [Authorize]
    public async Task<ActionResult<PagedResult<PlayDto>>> MyHistory([FromQuery] ListMyHistory.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get my listening statistics</summary>
    /// <remarks>
    /// Over the days from..to (inclusive, at most 366; default the last 30 days) in the IANA time zone tz (default UTC): counted
    /// plays, seconds played (all plays), different songs, the top 10 songs, artists and genres, and every day of the range.
    /// </remarks>
    [HttpGet("users/me/stats")]
    [Sends<GetMyStats.Query>]
    [Authorize]
    public async Task<ActionResult<ListeningStatsDto>> MyStats([FromQuery] GetMyStats.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>List the most played songs</summary>
    /// <remarks>
    /// period day, week (default) or month: the last 24 hours, 7 or 30 days, rolling, in whole UTC hours (the window starts at
    /// the top of the hour the period began in); all: all time. Songs by counted plays in the period, each with its plays.
    /// </remarks>
    [HttpGet("charts/songs")]
    [Sends<ListSongCharts.Query>]
    public async Task<ActionResult<PagedResult<ChartSongDto>>> SongCharts([FromQuery] ListSongCharts.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get the service overview (admin)</summary>
    /// <remarks>Users, songs, albums and plays, and the stored audio and cover files with their bytes (shared bytes count once).</remarks>
    [HttpGet("stats")]
    [Sends<GetOverview.Query>]
    [Authorize]
    public async Task<ActionResult<OverviewDto>> Overview(CancellationToken ct) =>
        Ok(await mediator.Send(new GetOverview.Query(), ct));
}
