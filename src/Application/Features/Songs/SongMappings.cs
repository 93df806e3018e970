using Mapster;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Songs, and songs on an album's track list, as their DTOs show them.</summary>
public sealed class SongMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Song, SongDto>();

        // A song's stored audio (null when it has none): everything but where the bytes are.
        config.NewConfig<AudioFile, AudioDto>();

        // The song's own fields; SongDetailReader reads the albums, the caller's like and the comment count in queries of their own.
        config.NewConfig<Song, SongDetailDto>()
            .Ignore(d => d.Albums, d => d.LikedByMe, d => d.CommentCount);

        // A track: the song's fields, and the link's track number.
        config.NewConfig<AlbumSong, AlbumTrackDto>()
            .Map(d => d, l => l.Song);
    }
}
