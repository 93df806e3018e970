using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// Many users liking and unliking the same few songs at once, through the real app: no request
/// fails, and afterwards every song's likeCount equals its like rows and what each user last did.
/// </summary>
public sealed class LikeConcurrencyTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int Users = 6;
    private const int Songs = 4;
    private const int OperationsPerUser = 60;

    [Fact]
    public async Task LikeAndUnlike_ManyUsersInParallel_CountsEqualLikeRows()
    {
        var admin = factory.AsAdmin();
        var songIds = new List<int>();
        for (var i = 0; i < Songs; i++) songIds.Add((await admin.CreateSongAsync()).Id());
        var users = new List<TestAccount>();
        for (var i = 0; i < Users; i++) users.Add(await factory.CreateAccountAsync("user"));

        // Each user runs its own random sequence; the last operation per song decides whether it likes it.
        var expected = new int[Songs];
        var runs = users.Select(async (user, u) =>
        {
            var client = factory.WithToken(user.Token());
            var random = new Random(u);
            var likes = new bool?[Songs];
            var statuses = new List<HttpStatusCode>();
            for (var op = 0; op < OperationsPerUser; op++)
            {
                var s = random.Next(Songs);
                var like = random.Next(2) == 0;
                var path = $"{CatalogApi.Songs}/{songIds[s]}/like";
                var response = like ? await client.PutAsync(path, null) : await client.DeleteAsync(path);
                statuses.Add(response.StatusCode);
                likes[s] = like;
            }
            for (var s = 0; s < Songs; s++)
                if (likes[s] == true) Interlocked.Increment(ref expected[s]);
            return statuses;
        });

        var statuses = (await Task.WhenAll(runs)).SelectMany(s => s).ToList();

        statuses.Should().HaveCount(Users * OperationsPerUser).And.AllBeEquivalentTo(HttpStatusCode.NoContent);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var counts = await db.Songs.Where(s => songIds.Contains(s.Id))
            .Select(s => new { s.Id, s.LikeCount, Rows = db.UserLikes.Count(l => l.SongId == s.Id) })
            .ToListAsync();
        counts.Should().HaveCount(Songs);
        foreach (var song in counts)
        {
            song.LikeCount.Should().Be(song.Rows, $"song {song.Id}'s counter must equal its like rows");
            song.LikeCount.Should().Be(expected[songIds.IndexOf(song.Id)], $"song {song.Id} is liked by the users whose last act was a like");
        }
    }
}
