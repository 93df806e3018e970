using MusicPlayer.Application.Common.Caching;
using MediatR;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Albums;

/// <summary>Deletes an album; its song links go with it, the songs stay; its stored cover goes when nothing else references it. Admins only.</summary>
public static class DeleteAlbum
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest, IChangesCatalog;

    internal sealed class Handler(IRepository<Album> albums, AudioLibrary library) : AsyncRequestHandler<Command>
    {
        protected override async Task Handle(Command request, CancellationToken cancellationToken)
        {
            var album = await albums.GetByIdOrThrowAsync(request.Id, cancellationToken);
            albums.Remove(album);
            await albums.SaveChangesAsync(cancellationToken);
            await library.ReleaseAsync(album.Cover?.StorageKey);
        }
    }
}
