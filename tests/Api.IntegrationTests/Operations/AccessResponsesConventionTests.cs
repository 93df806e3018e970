using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Application.Features.Albums;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>The convention that documents an action's 401 and 403 from the request it names.</summary>
public sealed class AccessResponsesConventionTests
{
    private sealed class Probe
    {
        public void Unnamed() { }

        [Sends<CreateAlbum.Command>]
        public void Admin() { }

        [Sends<GetAlbum.Query>]
        public void Authenticated() { }

        [Sends<ListAlbums.Query>]
        public void Public() { }
    }

    private static ActionModel Action(string name)
    {
        var method = typeof(Probe).GetMethod(name)!;
        return new ActionModel(method, method.GetCustomAttributes(inherit: true))
        {
            Controller = new ControllerModel(typeof(Probe).GetTypeInfo(), []),
        };
    }

    private static int[] Documented(ActionModel action) =>
        action.Filters.OfType<ProducesResponseTypeAttribute>().Select(p => p.StatusCode).ToArray();

    [Fact]
    public void Apply_ActionWithoutSends_RefusesToStart()
    {
        var act = () => new AccessResponsesConvention().Apply(Action(nameof(Probe.Unnamed)));

        act.Should().Throw<InvalidOperationException>().WithMessage("Probe.Unnamed must name the request it sends*");
    }

    [Theory]
    [InlineData(nameof(Probe.Admin), new[] { 401, 403 })]
    [InlineData(nameof(Probe.Authenticated), new[] { 401 })]
    [InlineData(nameof(Probe.Public), new int[0])]
    public void Apply_DocumentsTheAccessStatusesOfTheRequest(string action, int[] statuses)
    {
        var model = Action(action);

        new AccessResponsesConvention().Apply(model);

        Documented(model).Should().Equal(statuses);
    }
}
