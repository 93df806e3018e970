using System.Net;
using System.Net.Http.Json;
using System.Text;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Comments;

/// <summary>
/// /api/v1/songs/{id}/comments and /api/v1/comments/{id}: public reading newest first, posting as yourself,
/// the author edits, the author or an admin deletes, plain text kept exactly, the song's commentCount, and
/// the cascades when a song or a user goes.
/// </summary>
public sealed class CommentTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _admin = factory.AsAdmin();
    private readonly HttpClient _user = factory.AsUser();
    private readonly HttpClient _anonymous = factory.Anonymous();

    private async Task<(HttpClient Client, TestAccount Account)> NewUserAsync()
    {
        var account = await factory.CreateAccountAsync("user");
        return (factory.WithToken(account.Token()), account);
    }

    [Fact]
    public async Task PostComment_ValidBody_Returns201WithLocationAndTheTrimmedComment()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = "  Great solo at 2:10.\n  " });

        var comment = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        comment.Properties().Should().Equal("id", "body", "author", "createdAt", "updatedAt");
        comment.Str("body").Should().Be("Great solo at 2:10.");
        comment.GetProperty("author").Properties().Should().Equal("id", "username");
        comment.GetProperty("author").Id().Should().Be(factory.User.Id);
        comment.GetProperty("createdAt").GetDateTime().Should().Be(comment.GetProperty("updatedAt").GetDateTime());
        response.Headers.Location!.ToString().Should().EndWith(CommentApi.Comment(comment.Id()));
        var fetched = await (await _anonymous.GetAsync(response.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);
        fetched.GetRawText().Should().Be(comment.GetRawText());
    }

    [Theory]
    [InlineData("<script>alert('x')</script> & \"quoted\" <b>bold</b>")]
    [InlineData("Line one\nline two\r\n\tindented")]
    [InlineData("Ünïcödé, emoji 👩‍👩‍👧 and RTL שלום")]
    [InlineData("{\"json\": [1, 2]} \\ backslash")]
    public async Task PostComment_PlainText_IsStoredAndReturnedExactlyAsGiven(string body)
    {
        var song = await _admin.CreateSongAsync();

        var posted = await _user.CommentAsync(song.Id(), body);

        posted.Str("body").Should().Be(body);
        var listed = await (await _anonymous.GetAsync(CommentApi.OfSong(song.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK);
        listed.GetProperty("items")[0].Str("body").Should().Be(body, "the body is text, never interpreted, on every read");
    }

    [Fact]
    public async Task PostComment_HtmlBody_IsServedAsJsonOnly()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = "<img src=x onerror=alert(1)>" });

        (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).Str("body").Should().Be("<img src=x onerror=alert(1)>");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "a browser never renders it as a page");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("bell \u0007 character")]
    [InlineData("nul \0 byte")]
    [InlineData("escape \u001b[31m red")]
    [InlineData("bidi \u202e override")]
    [InlineData("zero\u200bwidth space")]
    public async Task PostComment_EmptyOrControlCharacters_Returns400AndStoresNothing(string body)
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body });

        await response.ShouldBeValidationProblemAsync("body");
        (await _user.CommentCountAsync(song.Id())).Should().Be(0);
    }

    [Fact]
    public async Task PostComment_LengthLimits_AreCountedAfterTrimming()
    {
        var song = await _admin.CreateSongAsync();

        var longest = await _user.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = "  " + new string('a', 2000) + "  " });
        var tooLong = await _user.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = new string('a', 2001) });

        (await longest.ShouldBeJsonAsync(HttpStatusCode.Created)).Str("body").Should().HaveLength(2000);
        await tooLong.ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"body\": null}")]
    [InlineData("{\"body\": 42}")]
    [InlineData("{\"body\": [\"a\"]}")]
    public async Task PostComment_MissingOrWronglyTypedBody_Returns400(string json)
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsync(CommentApi.OfSong(song.Id()), new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("body");
    }

    [Fact]
    public async Task PostComment_BodyOfTheWrongType_SaysSo()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsync(CommentApi.OfSong(song.Id()), new StringContent("{\"body\": 42}", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeValidationProblemAsync("body");
        problem.GetProperty("errors").GetProperty("body")[0].GetString().Should().Be("The value is malformed or of the wrong type.");
    }

    [Fact]
    public async Task PostComment_NotJson_Returns400()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _user.PostAsync(CommentApi.OfSong(song.Id()), new StringContent("{\"body\": \"unterminated", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostComment_UnknownSong_Returns404()
    {
        var response = await _user.PostAsJsonAsync(CommentApi.OfSong(987654), new { body = "Hello?" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostComment_Anonymous_Returns401()
    {
        var song = await _admin.CreateSongAsync();

        var response = await _anonymous.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = "Hi" });

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ListComments_Anonymous_NewestFirstAndPaged()
    {
        var song = await _admin.CreateSongAsync();
        var ids = new List<int>();
        foreach (var body in new[] { "first", "second", "third" }) ids.Add((await _user.CommentAsync(song.Id(), body)).Id());

        var page1 = await (await _anonymous.GetAsync($"{CommentApi.OfSong(song.Id())}?pageSize=2")).ShouldBeJsonAsync(HttpStatusCode.OK);
        var page2 = await (await _anonymous.GetAsync($"{CommentApi.OfSong(song.Id())}?page=2&pageSize=2")).ShouldBeJsonAsync(HttpStatusCode.OK);

        page1.ItemIds().Concat(page2.ItemIds()).Should().Equal(ids[2], ids[1], ids[0]);
        page1.GetProperty("totalCount").GetInt32().Should().Be(3);
        page1.GetProperty("totalPages").GetInt32().Should().Be(2);
        page1.GetProperty("items")[0].GetProperty("author").Str("username").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ListComments_OnlyThatSongs()
    {
        var song = await _admin.CreateSongAsync();
        var other = await _admin.CreateSongAsync();
        var mine = await _user.CommentAsync(song.Id());
        await _user.CommentAsync(other.Id());

        var page = await (await _anonymous.GetAsync(CommentApi.OfSong(song.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK);

        page.ItemIds().Should().Equal(mine.Id());
    }

    [Theory]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=101")]
    [InlineData("?page=0")]
    [InlineData("?page=abc")]
    [InlineData("?pageSize=99999999999")]
    public async Task ListComments_BadPaging_Returns400(string query)
    {
        var song = await _admin.CreateSongAsync();

        var response = await _anonymous.GetAsync(CommentApi.OfSong(song.Id()) + query);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListComments_UnknownSong_Returns404()
    {
        await (await _anonymous.GetAsync(CommentApi.OfSong(987654))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateComment_ByAuthor_Returns200WithNewBodyAndUpdatedAt()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id(), "Frist");

        var response = await _user.PutAsJsonAsync(CommentApi.Comment(comment.Id()), new { body = " First! " });

        var updated = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        updated.Str("body").Should().Be("First!");
        updated.GetProperty("createdAt").GetDateTime().Should().Be(comment.GetProperty("createdAt").GetDateTime());
        updated.GetProperty("updatedAt").GetDateTime().Should().BeOnOrAfter(comment.GetProperty("updatedAt").GetDateTime());
        (await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("body").Should().Be("First!");
    }

    [Fact]
    public async Task UpdateComment_ByAnotherUserOrAnAdmin_Returns403AndKeepsTheBody()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id(), "Mine");
        var (other, _) = await NewUserAsync();

        var byOther = await other.PutAsJsonAsync(CommentApi.Comment(comment.Id()), new { body = "Yours now" });
        var byAdmin = await _admin.PutAsJsonAsync(CommentApi.Comment(comment.Id()), new { body = "Moderated" });

        await byOther.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await byAdmin.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK)).Str("body").Should().Be("Mine");
    }

    [Fact]
    public async Task UpdateComment_InvalidBody_Returns400()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id());

        await (await _user.PutAsJsonAsync(CommentApi.Comment(comment.Id()), new { body = "  " })).ShouldBeValidationProblemAsync("body");
        await (await _user.PutAsJsonAsync(CommentApi.Comment(comment.Id()), new { body = "a\u0000b" })).ShouldBeValidationProblemAsync("body");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("GET")]
    public async Task Comment_Unknown_Returns404(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), CommentApi.Comment(987654));
        if (method == "PUT") request.Content = JsonContent.Create(new { body = "Hi" });

        await (await _user.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteComment_ByAuthor_Returns204AndItIsGone()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id());

        await (await _user.DeleteAsync(CommentApi.Comment(comment.Id()))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await _user.CommentCountAsync(song.Id())).Should().Be(0);
    }

    [Fact]
    public async Task DeleteComment_ByAdmin_Returns204()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id());

        await (await _admin.DeleteAsync(CommentApi.Comment(comment.Id()))).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteComment_ByAnotherUser_Returns403AndKeepsIt()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id());
        var (other, _) = await NewUserAsync();

        await (await other.DeleteAsync(CommentApi.Comment(comment.Id()))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetSong_CommentCount_FollowsPostsAndDeletions()
    {
        var song = await _admin.CreateSongAsync();
        (await _user.CommentCountAsync(song.Id())).Should().Be(0);

        var first = await _user.CommentAsync(song.Id());
        await _admin.CommentAsync(song.Id());
        (await _user.CommentCountAsync(song.Id())).Should().Be(2);

        await _user.DeleteAsync(CommentApi.Comment(first.Id()));
        (await _admin.CommentCountAsync(song.Id())).Should().Be(1);
    }

    [Fact]
    public async Task DeleteSong_TakesItsComments()
    {
        var song = await _admin.CreateSongAsync();
        var comment = await _user.CommentAsync(song.Id());

        await (await _admin.DeleteAsync($"{CatalogApi.Songs}/{song.Id()}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await _anonymous.GetAsync(CommentApi.Comment(comment.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _anonymous.GetAsync(CommentApi.OfSong(song.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteUser_TakesTheirCommentsAndTheCountFollows()
    {
        var song = await _admin.CreateSongAsync();
        var (leaving, account) = await NewUserAsync();
        var theirs = await leaving.CommentAsync(song.Id(), "Bye");
        var kept = await _user.CommentAsync(song.Id(), "Stay");

        await (await _admin.DeleteAsync($"{AccountApi.Users}/{account.Id}")).ShouldBeEmptyAsync(HttpStatusCode.NoContent);

        await (await _anonymous.GetAsync(CommentApi.Comment(theirs.Id()))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var page = await (await _anonymous.GetAsync(CommentApi.OfSong(song.Id()))).ShouldBeJsonAsync(HttpStatusCode.OK);
        page.ItemIds().Should().Equal(kept.Id());
        (await _admin.CommentCountAsync(song.Id())).Should().Be(1);
    }

    [Fact]
    public async Task PostComment_AuthorDeletedSinceTheTokenWasIssued_Returns401()
    {
        var song = await _admin.CreateSongAsync();
        var (client, account) = await NewUserAsync();
        await factory.DeleteAccountAsync(account.Id);

        var response = await client.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = "Ghost" });

        await response.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task CommentCount_ParallelPostsAndDeletesOfSeveralUsers_StaysExact()
    {
        var song = await _admin.CreateSongAsync();
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewUserAsync()));
        var toDelete = await Task.WhenAll(users.Select(u => u.Client.CommentAsync(song.Id(), "to delete")));

        var posts = users.SelectMany(u => Enumerable.Range(0, 5).Select(i => u.Client.PostAsJsonAsync(CommentApi.OfSong(song.Id()), new { body = $"parallel {i}" })));
        var deletes = users.Zip(toDelete, (u, c) => u.Client.DeleteAsync(CommentApi.Comment(c.Id())));
        var responses = await Task.WhenAll(posts.Concat(deletes));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.NoContent);
        var page = await (await _anonymous.GetAsync($"{CommentApi.OfSong(song.Id())}?pageSize=100")).ShouldBeJsonAsync(HttpStatusCode.OK);
        page.GetProperty("totalCount").GetInt32().Should().Be(20);
        (await _user.CommentCountAsync(song.Id())).Should().Be(20);
    }
}
