using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Mapping;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Adds an album to the catalog. Admins only.</summary>
public static class CreateAlbum
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(AlbumInput Album) : IRequest<AlbumDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Album).NotNull().SetValidator(new AlbumInputValidator());
    }

    internal sealed class Handler(IRepository<Album> albums, TimeProvider clock) : IRequestHandler<Command, AlbumDetailDto>
    {
        public async Task<AlbumDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var album = Album.Create(request.Album.ToDetails(), clock.GetUtcNow().UtcDateTime);
            albums.Add(album);
            await albums.SaveChangesAsync(cancellationToken);
            return Mappings.Map<Album, AlbumDetailDto>(album);
        }
    }
}
