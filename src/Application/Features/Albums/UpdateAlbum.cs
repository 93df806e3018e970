using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Catalog;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Replaces an album's fields. Admins only.</summary>
public static class UpdateAlbum
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, AlbumInput Album) : IRequest<AlbumDetailDto>, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Album).NotNull().SetValidator(new AlbumInputValidator());
    }

    internal sealed class Handler(IRepository<Album> albums, TimeProvider clock) : IRequestHandler<Command, AlbumDetailDto>
    {
        public async Task<AlbumDetailDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var album = await albums.GetByIdOrThrowAsync(request.Id, cancellationToken);
            album.Update(request.Album.ToDetails(), clock.GetUtcNow().UtcDateTime);
            await albums.SaveChangesAsync(cancellationToken);
            return (await albums.FirstOrDefaultAsync(new AlbumDetailSpec(album.Id), cancellationToken))!;
        }
    }
}
