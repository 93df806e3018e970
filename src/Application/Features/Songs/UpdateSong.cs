using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Replaces a song's fields. Admins only.</summary>
public static class UpdateSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, SongInput Song) : IRequest<SongDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Song).NotNull().SetValidator(new SongInputValidator());
    }

    internal sealed class Handler(IRepository<Song> songs, SongDetailReader reader, TimeProvider clock) : IRequestHandler<Command, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var song = await songs.GetByIdOrThrowAsync(request.Id, cancellationToken);
            song.Update(request.Song.ToDetails(), clock.GetUtcNow().UtcDateTime);
            await songs.SaveChangesAsync(cancellationToken);
            return (await reader.ReadAsync(song.Id, cancellationToken))!;
        }
    }
}
