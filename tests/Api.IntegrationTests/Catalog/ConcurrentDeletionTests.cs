using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>
/// Deletions racing other requests for the same rows, through the real app (also on PostgreSQL in
/// CI): the loser of two deletes hears 404, as a second delete after the first would; likes by a
/// user being deleted are refused with 401, and every like count still equals its like rows.
/// </summary>
public sealed class ConcurrentDeletionTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private const int Rounds = 4;

    [Theory]
    [InlineData(CatalogApi.Songs)]
    [InlineData(CatalogApi.Albums)]
    public async Task Delete_TwiceAtTheSameMoment_OneSucceedsTheOtherIsNotFound(string collection)
    {
        var admin = factory.AsAdmin();
        for (var round = 0; round < Rounds; round++)
        {
            var created = collection == CatalogApi.Songs ? await admin.CreateSongAsync() : await admin.CreateAlbumAsync();
            var path = $"{collection}/{created.Id()}";

            var responses = await Task.WhenAll(factory.AsAdmin().DeleteAsync(path), factory.AsAdmin().DeleteAsync(path));

            responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.NoContent, HttpStatusCode.NotFound],
                $"round {round}: the second of two deletes finds nothing to delete");
            (await admin.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task LikeSongs_WhileTheUserIsDeleted_AreRefusedOrRemovedAndCountsStayExact()
    {
        var admin = factory.AsAdmin();
        var songIds = new List<int>();
        for (var i = 0; i < 8; i++) songIds.Add((await admin.CreateSongAsync()).Id());

        for (var round = 0; round < Rounds; round++)
        {
            var (account, tokens) = await factory.SignUpAsync();
            var user = factory.WithToken(tokens.AccessToken);
            var likes = songIds.Select(id => user.PutAsync($"{CatalogApi.Songs}/{id}/like", null)).ToList();
            var deletion = factory.AsAdmin().DeleteAsync($"{AccountApi.Users}/{account.Id}");

            var statuses = (await Task.WhenAll(likes)).Select(r => r.StatusCode).ToList();

            (await deletion).StatusCode.Should().Be(HttpStatusCode.NoContent);
            statuses.Should().OnlyContain(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.Unauthorized,
                $"round {round}: a like either happened before the deletion or finds no user");
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            (await db.UserLikes.CountAsync(l => l.UserId == account.Id)).Should().Be(0);
            (await factory.LikeCountsAsync(songIds)).Should().HaveCount(songIds.Count)
                .And.OnlyContain(s => s.Counter == s.Rows, $"round {round}: every counter equals its like rows");
        }
    }
}
