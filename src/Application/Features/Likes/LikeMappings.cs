using Mapster;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Likes;

namespace MusicPlayer.Application.Features.Likes;

/// <summary>Likes as the caller's list of liked songs shows them.</summary>
public sealed class LikeMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        // The liked song's fields, and when it was liked.
        config.NewConfig<UserLike, LikedSongDto>()
            .Map(d => d, l => l.Song);
}
