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

    /// <param name="Content">The file's bytes, read once, never whole in memory.</param>
    /// <param name="FileName">The client's name of the file: the title when the tags have none.</param>
    /// <param name="AlbumId">The album to put the song on, instead of the one its tags name.</param>
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(Stream Content, string? FileName, int? AlbumId = null) : IRequest<UploadResult>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Content).NotNull();
            RuleFor(c => c.FileName).MaximumLength(FileNameMaxLength);
            RuleFor(c => c.AlbumId).GreaterThan(0).When(c => c.AlbumId is not null);
        }
    }

    internal sealed class Handler(
        AudioLibrary library, IRepository<Song> songs, IRepository<Album> albums, SongDetailReader reader, TimeProvider clock)
        : IRequestHandler<Command, UploadResult>
    {
        public async Task<UploadResult> Handle(Command request, CancellationToken cancellationToken)
        {
            var stored = await library.WriteAudioAsync(request.Content, cancellationToken);
            return await new SongImport(library, songs, albums, reader, clock)
                .ImportAsync(stored, request.FileName, request.AlbumId, cancellationToken);
        }
    }
}
