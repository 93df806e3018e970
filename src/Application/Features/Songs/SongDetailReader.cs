using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>
/// A song's detail as the caller sees it, read through the specifications on the request's own unit of work: what
/// write handlers answer with once they saved (their changes, even inside a transaction, are what it reads).
/// </summary>
public sealed class SongDetailReader(SpecCatalogReads reads, ICurrentUser currentUser, ISongUrls urls)
{
    public async Task<SongDetailDto?> ReadAsync(int songId, CancellationToken cancellationToken) =>
        (await reads.SongDetailAsync(songId, currentUser.UserId, cancellationToken))?.WithUrls(urls);
}
