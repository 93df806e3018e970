using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Takes a song's stored audio away (the song stays); its bytes go when nothing else references them. Admins only.</summary>
public static class DeleteSongAudio
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest, IChangesCatalog;

    internal sealed class Handler(AudioLibrary library, IRepository<Song> songs, TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var song = await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
            var removed = song.RemoveAudio(clock.GetUtcNow().UtcDateTime) ?? throw new NotFoundException("Audio of song", request.Id);
            await songs.SaveChangesAsync(cancellationToken);
            await library.ReleaseAsync(removed);
        }
    }
}
