using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Songs;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Uploads;

/// <summary>
/// Stores an uploaded audio file (streamed, hashed, at most <c>Uploads:MaxBytes</c>) and makes it a song,
/// or answers the song that already holds the same bytes. Admins only.
/// </summary>
public static class UploadSong
{
    public const int FileNameMaxLength = 255;

    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(IUpload Upload) : IRequest<UploadResult>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Upload).NotNull();
    }

    internal sealed class Handler(
        AudioLibrary library, IRepository<Song> songs, IRepository<Album> albums, SongDetailReader reader, TimeProvider clock)
        : IRequestHandler<Command, UploadResult>
    {
        public async Task<UploadResult> Handle(Command request, CancellationToken cancellationToken)
        {
            var file = await request.Upload.OpenAsync(cancellationToken);
            var fileName = file.FileName is { Length: > FileNameMaxLength } name ? name[^FileNameMaxLength..] : file.FileName;
            var stored = await library.WriteAudioAsync(file.Content, cancellationToken);
            return await new SongImport(library, songs, albums, reader, clock)
                .ImportAsync(stored, fileName, file.AlbumId, cancellationToken);
        }
    }
}
