using System.Runtime.CompilerServices;
using MusicPlayer.Application.Common.Validation;

namespace MusicPlayer.Application.UnitTests;

/// <summary>
/// The validator tests build validators without <c>AddApplication</c>; the application's validation
/// conventions (camelCase field names in messages) apply to them too, before any test runs.
/// </summary>
internal static class ValidationSetup
{
    [ModuleInitializer]
    internal static void ApplyConventions() => ValidationConventions.Apply();
}
