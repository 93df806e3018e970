using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.OpenApi;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>One HTTP operation of the running app, as its endpoint describes it.</summary>
/// <param name="Path">The route as the OpenAPI document spells it: leading slash, no constraints.</param>
/// <param name="RequestType">The application request the action names with <c>[Sends&lt;TRequest&gt;]</c>.</param>
/// <param name="Expected">What <see cref="AccessContract"/> says about that request.</param>
public sealed record ApiOperation(string Method, string Path, string OperationId, Type? RequestType, Access? Expected, Endpoint Endpoint)
{
    /// <summary>Whether ASP.NET authorization asks for a token before the action runs (and so answers the bearer challenge).</summary>
    public bool EndpointRequiresToken =>
        Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

    /// <summary>Statuses declared by hand on the action or its controller (not by a convention).</summary>
    public int[] HandDeclaredStatuses
    {
        get
        {
            var action = Endpoint.Metadata.GetRequiredMetadata<ControllerActionDescriptor>();
            return action.MethodInfo.GetCustomAttributes(inherit: true)
                .Concat(action.ControllerTypeInfo.GetCustomAttributes(inherit: true))
                .OfType<ProducesResponseTypeAttribute>()
                .Select(a => a.StatusCode)
                .ToArray();
        }
    }

    /// <summary>The path with every parameter filled in with <paramref name="value"/>.</summary>
    public string Url(string value) => Regex.Replace(Path, @"\{[^}]+\}", value);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The table of operations, derived: every controller endpoint of the app's endpoint data source,
/// with the request its action sends and that request's access in <see cref="AccessContract"/>.
/// The access, OpenAPI and HTTP tests iterate it instead of keeping their own lists.
/// </summary>
public static class ApiOperations
{
    public static IReadOnlyList<ApiOperation> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is not null)
            .SelectMany(e => e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(method =>
            {
                var action = e.Metadata.GetRequiredMetadata<ControllerActionDescriptor>();
                var requestType = e.Metadata.OfType<ISendsRequest>().SingleOrDefault()?.RequestType;
                Access? expected = requestType is not null && AccessContract.ByRequest.TryGetValue(requestType, out var access) ? access : null;
                var path = "/" + Regex.Replace(e.RoutePattern.RawText!, @"\{([^}:]+)(:[^}]*)?\}", "{$1}");
                var operationId = $"{action.ControllerName}_{action.ActionName}" + (method == HttpMethods.Head ? "Head" : "");
                return new ApiOperation(method, path, operationId, requestType, expected, e);
            }))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToArray();
}
