using MediatR;

namespace MusicPlayer.Application.UnitTests;

/// <summary>
/// Calls a handler that answers nothing (an <see cref="AsyncRequestHandler{TRequest}"/>, whose own
/// <c>Handle</c> is protected) the way the mediator does, through <see cref="IRequestHandler{TRequest, TResponse}"/>.
/// </summary>
internal static class HandlerExtensions
{
    public static Task Handle<TRequest>(this AsyncRequestHandler<TRequest> handler, TRequest request,
        CancellationToken cancellationToken) where TRequest : IRequest =>
        ((IRequestHandler<TRequest, Unit>)handler).Handle(request, cancellationToken);
}
