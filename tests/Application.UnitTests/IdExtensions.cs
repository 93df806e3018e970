using MusicPlayer.Application.Features.Albums;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Application.UnitTests;

/// <summary>Ids of what a handler returned or a repository holds, for order assertions.</summary>
internal static class IdExtensions
{
    public static int[] Ids(this IEnumerable<AlbumDto> items) => items.Select(i => i.Id).ToArray();

    public static int[] Ids(this IEnumerable<SongDto> items) => items.Select(i => i.Id).ToArray();

    public static int[] Ids(this IEnumerable<UserDto> items) => items.Select(i => i.Id).ToArray();
}
