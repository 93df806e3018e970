using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Covers;

/// <summary>
/// Sets an album's cover from a raw image body: JPEG, PNG or WebP recognised from the bytes (415 otherwise,
/// whatever the declared type), at most 5 MiB (413). The replaced cover's bytes go when nothing else
/// references them. Admins only.
/// </summary>
public static class PutAlbumCover
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, Stream Body) : IRequest, IChangesCatalog;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).NotNull();
    }

    internal sealed class Handler(IRepository<Album> items, AudioLibrary library, TimeProvider clock) : AsyncRequestHandler<Command>
    {
        protected override Task Handle(Command request, CancellationToken cancellationToken) =>
            Covers.SetAsync(items, library, request.Id, request.Body, clock, cancellationToken);
    }
}
