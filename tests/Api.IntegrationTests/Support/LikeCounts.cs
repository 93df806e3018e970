using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>A song's stored like counter beside the like rows it must equal.</summary>
public sealed record LikeCount(int SongId, int Counter, int Rows);

public static class LikeCounts
{
    /// <summary>Reads, straight from the app's database, each song's counter and its number of like rows.</summary>
    public static async Task<List<LikeCount>> LikeCountsAsync(this WebApplicationFactory<Program> factory, IReadOnlyCollection<int> songIds)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        return await db.Songs.Where(s => songIds.Contains(s.Id))
            .Select(s => new LikeCount(s.Id, s.LikeCount, db.UserLikes.Count(l => l.SongId == s.Id)))
            .ToListAsync();
    }
}
