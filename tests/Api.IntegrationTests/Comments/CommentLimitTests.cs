using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Comments;

/// <summary>The app with the default comment limit (10 per user per minute) and a clock the tests move.</summary>
public sealed class CommentLimitFactory : MusicPlayerFactory
{
    public const int Limit = 10;

    /// <summary>The app's clock: now, cut to whole seconds (every database keeps them exactly).</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override int CommentPermitLimit => Limit;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>
/// At most 10 comments per user in any 60 seconds: the 11th is a 429 problem whose Retry-After is when the oldest of
/// the ten leaves the window. Per user, not per address (every in-memory request comes from the same one), exact
/// under parallel posts, and untouched by failed posts.
/// </summary>
public sealed class CommentLimitTests(CommentLimitFactory factory) : IClassFixture<CommentLimitFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();

    private async Task<HttpClient> NewUserAsync() => factory.WithToken((await factory.CreateAccountAsync("user")).Token());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, int songId, string body = "Again!") =>
        client.PostAsJsonAsync(CommentApi.OfSong(songId), new { body });

    [Fact]
    public async Task PostComment_EleventhWithinAMinute_Returns429WithRetryAfterUntilTheOldestLeavesTheWindow()
    {
        var song = await _admin.CreateSongAsync();
        var user = await NewUserAsync();
        for (var i = 0; i < CommentLimitFactory.Limit; i++)
        {
            await user.CommentAsync(song.Id(), $"comment {i}");
            factory.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var limited = await PostAsync(user, song.Id());

        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Str("detail").Should().Contain("10 comments per 60 seconds");
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(40), "the first comment was 20 s ago and leaves the window in 40 s");
        (await user.CommentCountAsync(song.Id())).Should().Be(CommentLimitFactory.Limit);

        factory.Clock.Advance(TimeSpan.FromSeconds(39));
        await (await PostAsync(user, song.Id())).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await PostAsync(user, song.Id())).ShouldBeJsonAsync(HttpStatusCode.Created);
        var next = await PostAsync(user, song.Id());
        await next.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        next.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2), "the window slides: the second comment leaves it 2 s after the first");

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await (await PostAsync(user, song.Id())).ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task PostComment_OneUserLimited_OtherUsersFromTheSameAddressAreNot()
    {
        var song = await _admin.CreateSongAsync();
        var busy = await NewUserAsync();
        var other = await NewUserAsync();
        for (var i = 0; i < CommentLimitFactory.Limit; i++) await busy.CommentAsync(song.Id());
        await (await PostAsync(busy, song.Id())).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);

        await (await PostAsync(other, song.Id())).ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task PostComment_ManyInParallel_ExactlyTheLimitIsStored()
    {
        var song = await _admin.CreateSongAsync();
        var user = await NewUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => PostAsync(user, song.Id(), $"burst {i}")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(CommentLimitFactory.Limit);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).Should().Be(25 - CommentLimitFactory.Limit);
        foreach (var limited in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
            limited.Headers.RetryAfter!.Delta.Should().BePositive();
        (await user.CommentCountAsync(song.Id())).Should().Be(CommentLimitFactory.Limit);
    }

    [Fact]
    public async Task PostComment_RefusedPosts_DoNotCountTowardsTheLimit()
    {
        var song = await _admin.CreateSongAsync();
        var user = await NewUserAsync();
        for (var i = 0; i < 15; i++) await (await PostAsync(user, song.Id(), "   ")).ShouldBeValidationProblemAsync("body");
        for (var i = 0; i < 5; i++) await (await PostAsync(user, 987654)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        for (var i = 0; i < CommentLimitFactory.Limit; i++) await user.CommentAsync(song.Id());
    }

    [Fact]
    public async Task EditAndDelete_AreNotLimited()
    {
        var song = await _admin.CreateSongAsync();
        var user = await NewUserAsync();
        var comments = new List<int>();
        for (var i = 0; i < CommentLimitFactory.Limit; i++) comments.Add((await user.CommentAsync(song.Id())).Id());

        foreach (var id in comments)
            await (await user.PutAsJsonAsync(CommentApi.Comment(id), new { body = "edited" })).ShouldBeJsonAsync(HttpStatusCode.OK);
        await (await user.DeleteAsync(CommentApi.Comment(comments[0]))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);
    }
}
