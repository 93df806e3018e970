using Mapster;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Albums as their DTOs show them.</summary>
public sealed class AlbumMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Album, AlbumDto>();

        // The count stays an expression of the mapping, so SQL computes it (a COUNT subquery), not a loaded collection.
        config.NewConfig<Album, AlbumDetailDto>()
            .Map(d => d.SongCount, a => a.Songs.Count);
    }
}
