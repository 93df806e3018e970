using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Playlists;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Replaces a song's fields; a changed duration also corrects the playlists holding the song. Admins only.</summary>
public static class UpdateSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, SongInput Song) : IRequest<SongDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Song).NotNull().SetValidator(new SongInputValidator());
    }

    internal sealed class Handler(IRepository<Song> songs, SongDetailReader reader, TimeProvider clock, IPlaylistStore playlists,
        ITransactions transactions) : IRequestHandler<Command, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var song = await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
            var before = song.Duration;
            var now = clock.GetUtcNow().UtcDateTime;
            song.Update(request.Song.ToDetails(), now);
            await transactions.RunAsync(async () =>
            {
                await songs.SaveChangesAsync(cancellationToken);
                if (song.Duration != before) await playlists.SongDurationChangedAsync(song.Id, now, cancellationToken);
            }, cancellationToken);
            return (await reader.ReadAsync(song.Id, cancellationToken))!;
        }
    }
}
