using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;
using MusicPlayer.Domain.Uploads;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// The last upload step: turns the session's bytes into a song exactly as a direct upload does (201; 200
/// with the existing song when the bytes are already one). No bytes yet is a 409; an expired or unknown
/// session a 404. Completing again answers the session's song (200), or 404 once that song is deleted.
/// A file that is not audio (415) ends the session: its bytes and its row are not kept. Admins only.
/// </summary>
public static class CompleteUploadSession
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest<UploadResult>, IChangesCatalog;

    internal sealed class Handler(
        IRepository<UploadSession> sessions, AudioLibrary library, IRepository<Song> songs, IRepository<Album> albums,
        SongDetailReader reader, TimeProvider clock)
        : IRequestHandler<Command, UploadResult>
    {
        public async Task<UploadResult> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var session = await sessions.GetByIdOrThrowAsync(request.Id, cancellationToken);
            if (session.IsCompleted)
                return new UploadResult(await reader.ReadAsync(session.SongId!.Value, cancellationToken)
                                        ?? throw new NotFoundException("Song", session.SongId), Created: false);
            if (session.IsExpired(now)) throw new NotFoundException(nameof(UploadSession), request.Id);
            if (session.StoredKey is not { } key || session.StoredSha256 is not { } sha256)
                throw new ConflictException("The upload session has received no bytes yet; PUT them to its upload URL first.");

            UploadResult result;
            try
            {
                result = await new SongImport(library, songs, albums, reader, clock)
                    .ImportAsync(new StoredObject(key, session.Size, sha256), session.FileName, null, cancellationToken);
            }
            catch (AppException e) when (e is not TooBusyException)
            {
                // The session has nothing left to complete; its bytes go unless something else holds them.
                sessions.Remove(session);
                await sessions.SaveChangesAsync(CancellationToken.None);
                await library.ReleaseAsync(key);
                throw;
            }
            session.Complete(result.Song.Id, now);
            await sessions.SaveChangesAsync(cancellationToken);
            return result;
        }
    }
}
