using System.Reflection;
using MediatR;
using MusicPlayer.Application.Common.Caching;

namespace MusicPlayer.Application.UnitTests.Caching;

/// <summary>Every request handler of the application, the request each handles and the ports it is given: what the marking tests check.</summary>
internal static class Handlers
{
    public static readonly Type[] All = typeof(IChangesCatalog).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && RequestOf(t) is not null)
        .ToArray();

    public static Type? RequestOf(Type handler) =>
        handler.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            ?.GetGenericArguments()[0];

    /// <summary>Those of <paramref name="ports"/> that <paramref name="handler"/> is given.</summary>
    public static Type[] PortsOf(Type handler, Type[] ports) =>
        handler.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .Where(ports.Contains)
            .ToArray();
}
