using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Features.Stats;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// The admin overview's counts, each one query in the database. Stored files are the distinct storage keys
/// of songs' audio and of song and album covers (identical bytes are stored once and may be shared).
/// </summary>
internal sealed class OverviewCounts(MusicPlayerDbContext context) : IOverviewCounts
{
    public async Task<OverviewDto> CountAsync(CancellationToken cancellationToken)
    {
        var stored = context.Songs.Where(s => s.Audio != null).Select(s => new { s.Audio!.StorageKey, s.Audio.Size })
            .Union(context.Songs.Where(s => s.Cover != null).Select(s => new { s.Cover!.StorageKey, s.Cover.Size }))
            .Union(context.Albums.Where(a => a.Cover != null).Select(a => new { a.Cover!.StorageKey, a.Cover.Size }));
        return new OverviewDto
        {
            Users = await context.Users.CountAsync(cancellationToken),
            Songs = await context.Songs.CountAsync(cancellationToken),
            Albums = await context.Albums.CountAsync(cancellationToken),
            Playlists = await context.Playlists.CountAsync(cancellationToken),
            Plays = await context.Plays.LongCountAsync(cancellationToken),
            StoredFiles = await stored.CountAsync(cancellationToken),
            StoredBytes = await stored.SumAsync(f => (long?)f.Size, cancellationToken) ?? 0,
        };
    }
}
