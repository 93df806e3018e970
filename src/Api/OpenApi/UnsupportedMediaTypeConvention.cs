using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Documents the 415 of every action that reads a JSON body: a body sent as anything but JSON
/// (<c>text/plain</c>, a form, no content type at all) is refused by model binding before the action
/// runs, with a problem. Runs after the API behaviour has inferred the binding sources, so a body
/// parameter is one whether it says <c>[FromBody]</c> or not.
/// </summary>
internal sealed class UnsupportedMediaTypeConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        if (action.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body))
            action.Filters.Add(new ProblemAttribute(StatusCodes.Status415UnsupportedMediaType));
    }
}
