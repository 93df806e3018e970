using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.History;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Deletes a song; its album links, likes, plays and playlist entries go with it (the playlists close up), and its stored audio and cover when nothing else references them. Admins only.</summary>
public static class DeleteSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest, IChangesCatalog;

    internal sealed class Handler(IRepository<Song> songs, IPlaylistStore playlists, IPlayStore plays, ITransactions transactions, AudioLibrary library,
        TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var song = await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
            await transactions.RunAsync(async () =>
            {
                await playlists.RemoveSongEverywhereAsync(song.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
                await plays.RemoveAllOfSongAsync(song.Id, cancellationToken);
                songs.Remove(song);
                await songs.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
            await library.ReleaseAsync(song.Audio?.StorageKey, song.Cover?.StorageKey);
        }
    }
}
