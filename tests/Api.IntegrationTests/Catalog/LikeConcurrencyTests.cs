using System.Net;
using MusicPlayer.Api.IntegrationTests.Support;

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
        var counts = await factory.LikeCountsAsync(songIds);
        counts.Should().HaveCount(Songs);
        foreach (var song in counts)
        {
            song.Counter.Should().Be(song.Rows, $"song {song.SongId}'s counter must equal its like rows");
            song.Counter.Should().Be(expected[songIds.IndexOf(song.SongId)], $"song {song.SongId} is liked by the users whose last act was a like");
        }
    }
}
