using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Api.Security;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Artists;
using MusicPlayer.Application.Features.Search;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1")]
[Tags("Search")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class SearchController(IMediator mediator) : ControllerBase
{
    /// <summary>Search songs, albums and artists</summary>
    /// <remarks>Case, accents and punctuation do not matter; every word must match a word of the title, artist or album, in any order; the last word may be a prefix; one typo is forgiven in words of 4 or more letters, two from 8. Ranked: exact title or name, prefix, word matches, typo matches; ties by popularity, then id. Responses carry an ETag like the lists.</remarks>
    [HttpGet("search")]
    [Sends<Search.Query>]
    [CachedCatalogList]
    [BoundedSearch]
    [EnableRateLimiting(ListRateLimiting.Policy)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<ActionResult<SearchResultDto>> Search([FromQuery] Search.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>List artists</summary>
    /// <remarks>Paged; derived from the songs and albums (one artist per name once case, accents and punctuation are folded, shown in its most common spelling); q searches names like the search box; sort name (default) or -songCount.</remarks>
    [HttpGet("artists")]
    [Sends<ListArtists.Query>]
    [CachedCatalogList]
    [BoundedSearch]
    [EnableRateLimiting(ListRateLimiting.Policy)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<ActionResult<PagedResult<ArtistDto>>> ListArtists([FromQuery] ListArtists.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));
}
