using Mapster;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Albums as their DTOs show them.</summary>
public sealed class AlbumMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Album, AlbumDto>();

        // Count(), not the Count property: Mapster casts the navigation to the property's declaring interface, and EF Core
        // then loads the album's links to count them; Count() is a COUNT subquery (ProjectionQueryTests checks the SQL).
        config.NewConfig<Album, AlbumDetailDto>()
            .Map(d => d.SongCount, a => a.Songs.Count());
    }
}
