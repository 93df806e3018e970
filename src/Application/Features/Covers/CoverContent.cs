using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Catalog;

namespace MusicPlayer.Application.Features.Covers;

/// <summary>A stored cover's bytes, opened for reading, with what a response needs to say about them. The caller disposes <see cref="Content"/>.</summary>
public sealed record CoverContent(Stream Content, string MimeType, long Size, string Sha256);

/// <summary>The stored cover of a song or an album, as a row: null fields when the item has none.</summary>
public sealed record CoverRow(string? StorageKey, string? MimeType, long? Size, string? Sha256);

/// <summary>An item's stored cover, by id.</summary>
public sealed class CoverOfSpec<T> : Specification<T, CoverRow> where T : CatalogItem
{
    public CoverOfSpec(int id) : base(x => x.Cover == null
        ? new CoverRow(null, null, null, null)
        : new CoverRow(x.Cover.StorageKey, x.Cover.MimeType, x.Cover.Size, x.Cover.Sha256)) => Where(x => x.Id == id);
}

internal static class Covers
{
    /// <summary>Opens the cover of <typeparamref name="T"/> <paramref name="id"/>: 404 when there is no such item or it has no cover.</summary>
    public static async Task<CoverContent> OpenAsync<T>(IReadRepository<T> items, IAudioStore store, int id, CancellationToken cancellationToken)
        where T : CatalogItem
    {
        var row = await items.FirstOrThrowAsync(new CoverOfSpec<T>(id), id, cancellationToken);
        if (row is not { StorageKey: { } key, MimeType: { } mimeType, Size: { } size, Sha256: { } sha256 })
            throw new NotFoundException($"Cover of {typeof(T).Name.ToLowerInvariant()}", id);
        return new CoverContent(await store.OpenReadAsync(key, 0, null, cancellationToken), mimeType, size, sha256);
    }

    /// <summary>Stores the body as the cover of <paramref name="item"/> (413, 415 as <see cref="AudioLibrary.StoreCoverAsync"/>) and saves; the replaced cover's bytes go when unreferenced.</summary>
    public static async Task SetAsync<T>(IRepository<T> items, AudioLibrary library, int id, Stream body, TimeProvider clock,
        CancellationToken cancellationToken) where T : CatalogItem
    {
        await items.GetByIdOrThrowAsync(id, cancellationToken);
        var cover = await library.StoreCoverAsync(body, cancellationToken);
        string? replaced;
        try
        {
            await using (await library.Locks.AcquireAsync(cover.StorageKey, cancellationToken))
            {
                var item = await items.GetByIdOrThrowAsync(id, cancellationToken);
                replaced = item.SetCover(cover, clock.GetUtcNow().UtcDateTime);
                await items.SaveChangesAsync(cancellationToken);
            }
        }
        catch
        {
            await library.ReleaseAsync(cover.StorageKey);
            throw;
        }
        await library.ReleaseAsync(replaced);
    }
}
