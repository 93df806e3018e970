using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Documents the 200 of actions that return <see cref="ActionResult{TValue}"/>. API Explorer infers
/// that response from the return type only while an action declares no response at all, and every
/// controller here declares its problem statuses, so without this GET and PUT operations would have
/// no success response (nor schema) in the OpenAPI document.
/// </summary>
internal sealed class OkResponseConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var type = action.ActionMethod.ReturnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>)) type = type.GetGenericArguments()[0];
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(ActionResult<>)) return;

        var declaresSuccess = action.Filters.Concat(action.Controller.Filters)
            .OfType<IApiResponseMetadataProvider>()
            .Any(r => r.StatusCode is >= 200 and < 300);
        if (!declaresSuccess) action.Filters.Add(new ProducesResponseTypeAttribute(StatusCodes.Status200OK));
    }
}
