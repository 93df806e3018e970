using MediatR;

namespace MusicPlayer.Api.OpenApi;

/// <summary>What <see cref="SendsAttribute{TRequest}"/> tells the conventions: the request type an action sends.</summary>
internal interface ISendsRequest
{
    Type RequestType { get; }
}

/// <summary>
/// Names the application request an action sends, so that what the request declares about itself
/// (its <see cref="Application.Common.Security.AuthorizeAttribute"/>) is documented without being
/// repeated on the action: see <see cref="AccessResponsesConvention"/>.
/// </summary>
/// <remarks>
/// An attribute rather than inference from the action's parameters, because most actions build
/// their request from route values (<c>new GetAlbum.Query(id)</c>) and never bind the request
/// type itself. Every action must carry exactly one; the app refuses to start otherwise, and an
/// HTTP test checks that each action really sends the request it names.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class SendsAttribute<TRequest> : Attribute, ISendsRequest
    where TRequest : IBaseRequest
{
    public Type RequestType => typeof(TRequest);
}
