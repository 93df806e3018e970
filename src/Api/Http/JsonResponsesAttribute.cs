using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MusicPlayer.Api.Http;

/// <summary>
/// Declares <c>application/json</c> for every action's responses (in the OpenAPI document and on the wire)
/// without overriding problem details: a plain <see cref="ProducesAttribute"/> would rewrite the
/// <c>application/problem+json</c> of the 400 that model binding produces into <c>application/json</c>.
/// </summary>
internal sealed class JsonResponsesAttribute() : ProducesAttribute("application/json")
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails }) return;
        base.OnResultExecuting(context);
    }
}
