using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>One album with its song count, by id.</summary>
public sealed class AlbumDetailSpec : Specification<Album, AlbumDetailDto>
{
    public AlbumDetailSpec(int id) => Where(a => a.Id == id);
}
