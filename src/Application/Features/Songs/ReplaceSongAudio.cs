using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>
/// Replaces a song's stored audio with an uploaded file (processed like an upload: limits, 415 for what is
/// not audio). The song's fields stay as they are (its tags-derived title, artist, album, cover are not
/// overwritten); its duration follows the new stream. The old bytes are deleted when nothing else
/// references them. Admins only.
/// </summary>
public static class ReplaceSongAudio
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, IUpload Upload) : IRequest<SongDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Upload).NotNull();
    }

    internal sealed class Handler(AudioLibrary library, IRepository<Song> songs, SongDetailReader reader, TimeProvider clock,
        IPlaylistStore playlists, ITransactions transactions) : IRequestHandler<Command, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            // An unknown song is a 404 before any bytes are read.
            await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
            var file = await request.Upload.OpenAsync(cancellationToken);
            var stored = await library.WriteAudioAsync(file.Content, cancellationToken);
            string? replaced;
            try
            {
                await using (await library.Locks.AcquireAsync(stored.Key, cancellationToken))
                {
                    var inspection = await library.InspectAsync(stored, cancellationToken);
                    var song = await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
                    var before = song.Duration;
                    var now = clock.GetUtcNow().UtcDateTime;
                    replaced = song.AttachAudio(AudioLibrary.ToAudioFile(stored, inspection), now);
                    // The duration follows the new file: the playlists holding the song follow it in the same transaction.
                    await transactions.RunAsync(async () =>
                    {
                        await songs.SaveChangesAsync(cancellationToken);
                        if (song.Duration != before) await playlists.SongDurationChangedAsync(song.Id, now, cancellationToken);
                    }, cancellationToken);
                }
            }
            catch
            {
                await library.ReleaseAsync(stored.Key);
                throw;
            }

            await library.ReleaseAsync(replaced);
            return (await reader.ReadAsync(request.Id, cancellationToken))!;
        }
    }
}
