using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Catalog;

/// <summary>The app with a global MVC filter that counts the requests MVC runs, by path and query.</summary>
public sealed class MvcCountingFactory : MusicPlayerFactory
{
    public MvcRequests Requests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(Requests)));
    }

    public sealed class MvcRequests : IResourceFilter
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public int Of(string pathAndQuery) => _counts.GetValueOrDefault(pathAndQuery);

        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var request = context.HttpContext.Request;
            _counts.AddOrUpdate(request.Path + request.QueryString, 1, (_, n) => n + 1);
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}

/// <summary>
/// The list cache answers its hits before MVC runs (as middleware after routing, authentication and the rate
/// limiter): a hit and a 304 cost no action selection, filters or binding; a miss (the first read, or the first
/// after an edit) runs the action as before.
/// </summary>
public sealed class ListCacheHitPathTests(MvcCountingFactory factory) : IClassFixture<MvcCountingFactory>
{
    [Fact]
    public async Task CachedList_HitsAnd304s_DoNotRunMvc_TheReadAfterAnEditDoes()
    {
        var anonymous = factory.Anonymous();
        var genre = Unique.Name("Genre");
        var path = $"{CatalogApi.Songs}?genre={genre}";

        var first = await anonymous.GetAsync(path);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var hit = await anonymous.GetAsync(path);
        (await hit.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        (await anonymous.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        factory.Requests.Of(path).Should().Be(1, "only the first read ran the action; the hit and the 304 were answered before MVC");

        await factory.AsAdmin().CreateSongAsync(b => b["genre"] = genre);
        var after = await anonymous.GetAsync(path);

        after.StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Requests.Of(path).Should().Be(2, "an edit makes the next read run the action again");
    }

    [Fact]
    public async Task ListWithABadValue_IsAnsweredByMvc_With400()
    {
        var path = $"{CatalogApi.Songs}?page=abc";

        var response = await factory.Anonymous().GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        factory.Requests.Of(path).Should().Be(1);
    }
}
