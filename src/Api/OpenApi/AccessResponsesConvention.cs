using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Documents the 401 and 403 that the authorization behaviour answers for an action's request, from
/// the request's own <see cref="AuthorizeAttribute"/>: any <c>[Authorize]</c> gives 401 (no or bad
/// token), one with roles also 403 (signed in, wrong role). The action names its request with
/// <see cref="SendsAttribute{TRequest}"/>; an action without one stops the app at start-up, so no
/// operation goes undocumented. Statuses a handler decides for itself (a wrong password's 401, the
/// 403 of someone else's resource) are still declared on the action with <see cref="ProblemAttribute"/>.
/// </summary>
internal sealed class AccessResponsesConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var requestType = RequestOf(action);
        var rule = requestType.GetCustomAttribute<AuthorizeAttribute>(inherit: true);
        if (rule is null) return;
        action.Filters.Add(new ProblemAttribute(StatusCodes.Status401Unauthorized));
        if (rule.RoleNames.Count > 0) action.Filters.Add(new ProblemAttribute(StatusCodes.Status403Forbidden));
    }

    /// <summary>The request type the action names with <see cref="SendsAttribute{TRequest}"/>.</summary>
    public static Type RequestOf(ActionModel action) =>
        action.Attributes.OfType<ISendsRequest>().SingleOrDefault()?.RequestType
        ?? throw new InvalidOperationException(
            $"{action.Controller.ControllerType.Name}.{action.ActionMethod.Name} must name the request it sends with [Sends<TRequest>], "
            + "so that its access is documented from the request's declaration.");
}
