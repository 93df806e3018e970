using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Songs;

/// <summary>Adds a song to the catalog. Admins only.</summary>
public static class CreateSong
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(SongInput Song) : IRequest<SongDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Song).NotNull().SetValidator(new SongInputValidator());
    }

    internal sealed class Handler(IRepository<Song> songs, TimeProvider clock) : IRequestHandler<Command, SongDetailDto>
    {
        public async Task<SongDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var song = Song.Create(request.Song.ToDetails(), clock.GetUtcNow().UtcDateTime);
            songs.Add(song);
            await songs.SaveChangesAsync(cancellationToken);
            return Mappings.Map<Song, SongDetailDto>(song);
        }
    }
}
