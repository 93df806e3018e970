using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>What importing an uploaded file gave: the song, and whether it was created (else the bytes were already that song's).</summary>
public sealed record UploadResult(SongDetailDto Song, bool Created);

/// <summary>
/// Turns stored bytes into a catalog song, as every upload does (direct or through a session): under
/// the bytes' lock, the file is inspected (415 when it is not audio), a song already holding the same
/// bytes is the answer, else the song is created from the tags, put on the album the tags name (found
/// by title and album artist ignoring case, or created) or on the album asked for, and given the
/// embedded front cover (which the album gets too when it has none), all in one save. Whatever fails
/// leaves nothing behind: no row, and no bytes that nothing else references.
/// </summary>
internal sealed class SongImport(
    AudioLibrary library, IRepository<Song> songs, IRepository<Album> albums, SongDetailReader reader, TimeProvider clock)
{
    public async Task<UploadResult> ImportAsync(StoredObject stored, string? fileName, int? albumId, CancellationToken cancellationToken)
    {
        CoverImage? cover = null;
        try
        {
            await using (await library.Locks.AcquireAsync(stored.Key, cancellationToken))
            {
                var inspection = await library.InspectAsync(stored, cancellationToken);
                if (await songs.FirstOrDefaultAsync(new SongIdByAudioSpec(stored.Sha256), cancellationToken) is var existing and > 0)
                    return new UploadResult((await reader.ReadAsync(existing, cancellationToken))!, Created: false);

                var now = clock.GetUtcNow().UtcDateTime;
                var tags = SongTags.From(inspection.Tags, fileName);
                var song = Song.CreateFromAudio(tags.Song, AudioLibrary.ToAudioFile(stored, inspection), now);
                var album = albumId is { } id
                    ? await albums.GetByIdOrThrowAsync(id, cancellationToken)
                    : tags.AlbumTitle is { } title
                        ? await albums.FirstOrDefaultAsync(new AlbumByTitleAndArtistSpec(title, tags.AlbumArtist), cancellationToken)
                          ?? Album.Create(tags.NewAlbum(), now)
                        : null;

                cover = await library.StoreEmbeddedCoverAsync(inspection.Tags.FrontCover, cancellationToken);
                if (cover is not null)
                {
                    song.SetCover(cover, now);
                    if (album is { Cover: null }) album.SetCover(cover, now);
                }

                songs.Add(song);
                if (album is not null)
                {
                    if (album.Id == 0) albums.Add(album);
                    album.SetSong(song, tags.TrackNumber);
                }
                await songs.SaveChangesAsync(cancellationToken);
                await albums.SaveChangesAsync(cancellationToken);
                return new UploadResult((await reader.ReadAsync(song.Id, cancellationToken))!, Created: true);
            }
        }
        catch
        {
            await library.ReleaseAsync(stored.Key, cover?.StorageKey);
            throw;
        }
    }
}
