using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Api.Caching;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Features.Playlists;

namespace MusicPlayer.Api.Controllers;

[ApiController]
[Route("api/v1/playlists")]
[Tags("Playlists")]
[Problem(StatusCodes.Status400BadRequest)]
public sealed class PlaylistsController(IMediator mediator) : ControllerBase
{
    private const string IfMatchHeader = "If-Match";

    /// <summary>List my playlists</summary>
    /// <remarks>Private and public, by name.</remarks>
    [HttpGet("/api/v1/users/me/playlists")]
    [Sends<ListMyPlaylists.Query>]
    [Authorize]
    public async Task<ActionResult<PagedResult<PlaylistDto>>> ListMine([FromQuery] ListMyPlaylists.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>List public playlists</summary>
    /// <remarks>Paged; q searches names (case-insensitive); sort name (default), -updatedAt or -songCount (a smart playlist sorts by its manual entries, none).</remarks>
    [HttpGet]
    [Sends<ListPublicPlaylists.Query>]
    public async Task<ActionResult<PagedResult<PlaylistDto>>> ListPublic([FromQuery] ListPublicPlaylists.Query query, CancellationToken ct) =>
        Ok(await mediator.Send(query, ct));

    /// <summary>Get a playlist</summary>
    /// <remarks>The owner's, an admin's, or anyone's when public; someone else's private playlist is a 404. ETag: "&lt;version&gt;".</remarks>
    [HttpGet("{id:int}")]
    [Sends<GetPlaylist.Query>]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PlaylistDto>> Get(int id, CancellationToken ct) =>
        Versioned(await mediator.Send(new GetPlaylist.Query(id), ct));

    /// <summary>Create a playlist</summary>
    /// <remarks>With rules it is a smart playlist: its songs are evaluated whenever it is read. At most 1,000 playlists per user (409).</remarks>
    [HttpPost]
    [Sends<CreatePlaylist.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<PlaylistDto>> Create(PlaylistInput body, CancellationToken ct)
    {
        var playlist = await mediator.Send(new CreatePlaylist.Command(body), ct);
        Response.SetETag(playlist.Version);
        return CreatedAtAction(nameof(Get), new { id = playlist.Id }, playlist);
    }

    /// <summary>Update a playlist</summary>
    /// <remarks>Owner only. Rules on a playlist that has entries are a 409. If-Match: a stale version is a 412 and changes nothing.</remarks>
    [HttpPut("{id:int}")]
    [Sends<UpdatePlaylist.Command>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status412PreconditionFailed),
     Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<PlaylistDto>> Update(int id, PlaylistInput body, [FromHeader(Name = IfMatchHeader)] string? ifMatch,
        CancellationToken ct) =>
        Versioned(await mediator.Send(new UpdatePlaylist.Command(id, body, VersionPreconditions.Parse(ifMatch)), ct));

    /// <summary>Delete a playlist</summary>
    /// <remarks>The owner or an admin. If-Match: a stale version is a 412 and changes nothing.</remarks>
    [HttpDelete("{id:int}")]
    [Sends<DeletePlaylist.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status412PreconditionFailed)]
    public async Task<IActionResult> Delete(int id, [FromHeader(Name = IfMatchHeader)] string? ifMatch, CancellationToken ct)
    {
        await mediator.Send(new DeletePlaylist.Command(id, VersionPreconditions.Parse(ifMatch)), ct);
        return NoContent();
    }

    /// <summary>List a playlist's songs</summary>
    /// <remarks>Paged, in playlist order: {entryId, position, addedAt, song}. A smart playlist's songs are evaluated now for its owner (entryId and addedAt null). Access as for the playlist. Responses carry an ETag: send it back in If-None-Match to get 304 while nothing changed; any change of the playlist or its songs changes it.</remarks>
    [HttpGet("{id:int}/songs")]
    [Sends<ListPlaylistSongs.Query>]
    [CachedPlaylistPage]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [Problem(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PagedResult<PlaylistEntryDto>>> ListSongs(int id, [FromQuery] int page = PagingLimits.DefaultPage,
        [FromQuery] int pageSize = PagingLimits.DefaultPageSize, CancellationToken ct = default) =>
        Ok(await mediator.Send(new ListPlaylistSongs.Query { Id = id, Page = page, PageSize = pageSize }, ct));

    /// <summary>Add songs to a playlist</summary>
    /// <remarks>Owner only. 1..500 song ids, inserted in order at position (default: the end); duplicates allowed. An unknown id is a 400 naming it and adds nothing; beyond 10,000 entries, or on a smart playlist, a 409.</remarks>
    [HttpPost("{id:int}/songs")]
    [Sends<AddPlaylistSongs.Command>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status412PreconditionFailed),
     Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<PlaylistDto>> AddSongs(int id, AddPlaylistSongs.AddSongsInput body,
        [FromHeader(Name = IfMatchHeader)] string? ifMatch, CancellationToken ct) =>
        Versioned(await mediator.Send(new AddPlaylistSongs.Command(id, body, VersionPreconditions.Parse(ifMatch)), ct));

    /// <summary>Move a playlist entry</summary>
    /// <remarks>Owner only. The entry goes to position (1..songCount) and the entries between shift by one. On a smart playlist, a 409.</remarks>
    [HttpPut("{id:int}/songs/{entryId:int}/position")]
    [Sends<MovePlaylistEntry.Command>]
    [Authorize]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status412PreconditionFailed),
     Problem(StatusCodes.Status413PayloadTooLarge)]
    public async Task<ActionResult<PlaylistDto>> MoveEntry(int id, int entryId, MovePlaylistEntry.MoveEntryInput body,
        [FromHeader(Name = IfMatchHeader)] string? ifMatch, CancellationToken ct) =>
        Versioned(await mediator.Send(new MovePlaylistEntry.Command(id, entryId, body, VersionPreconditions.Parse(ifMatch)), ct));

    /// <summary>Remove a playlist entry</summary>
    /// <remarks>Owner only. The entries after it close up. On a smart playlist, a 409.</remarks>
    [HttpDelete("{id:int}/songs/{entryId:int}")]
    [Sends<RemovePlaylistEntry.Command>]
    [Authorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Problem(StatusCodes.Status404NotFound), Problem(StatusCodes.Status409Conflict), Problem(StatusCodes.Status412PreconditionFailed)]
    public async Task<IActionResult> RemoveEntry(int id, int entryId, [FromHeader(Name = IfMatchHeader)] string? ifMatch, CancellationToken ct)
    {
        await mediator.Send(new RemovePlaylistEntry.Command(id, entryId, VersionPreconditions.Parse(ifMatch)), ct);
        return NoContent();
    }

    private ActionResult<PlaylistDto> Versioned(PlaylistDto playlist)
    {
        Response.SetETag(playlist.Version);
        return Ok(playlist);
    }
}
