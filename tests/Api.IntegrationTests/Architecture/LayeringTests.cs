using System.Reflection;

namespace MusicPlayer.Api.IntegrationTests.Architecture;

/// <summary>Dependencies point inward only: Api → Infrastructure → Application → Domain.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(MusicPlayer.Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(MusicPlayer.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(MusicPlayer.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static string[] Ours(Assembly assembly) =>
        References(assembly).Where(n => n.StartsWith("MusicPlayer.", StringComparison.Ordinal)).ToArray();

    private static bool IsEfCore(string name) => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

    private static bool IsMetricsLibrary(string name) =>
        name.StartsWith("Prometheus", StringComparison.Ordinal) || name.StartsWith("OpenTelemetry", StringComparison.Ordinal);

    private static bool IsAspNetCore(string name) =>
        name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.StartsWith("Microsoft.Net.Http", StringComparison.Ordinal);

    [Fact]
    public void Assemblies_HaveTheExpectedNames()
    {
        new[] { Domain, Application, Infrastructure, Api }.Select(a => a.GetName().Name)
            .Should().Equal("MusicPlayer.Domain", "MusicPlayer.Application", "MusicPlayer.Infrastructure", "MusicPlayer.Api");
    }

    [Fact]
    public void Domain_ReferencesNoOtherLayerNorFramework()
    {
        var references = References(Domain);

        references.Should().Contain("System.Runtime");
        Ours(Domain).Should().BeEmpty();
        references.Should().NotContain(n => IsEfCore(n) || IsAspNetCore(n));
        references.Should().NotContain(n => n.StartsWith("MediatR") || n.StartsWith("FluentValidation"),
            "the domain depends on nothing but the runtime");
    }

    [Fact]
    public void Application_ReferencesOnlyTheDomainAndNoInfrastructureFramework()
    {
        var references = References(Application);

        Ours(Application).Should().BeEquivalentTo(["MusicPlayer.Domain"]);
        references.Should().NotContain(n => IsEfCore(n) || IsAspNetCore(n));
    }

    [Fact]
    public void OnlyTheApi_ReferencesAMetricsOrTelemetryLibrary()
    {
        foreach (var inner in new[] { Domain, Application, Infrastructure })
            References(inner).Should().NotContain(n => IsMetricsLibrary(n), "{0} reports through the IServiceMetrics port", inner.GetName().Name);
        References(Api).Should().Contain(n => IsMetricsLibrary(n));
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceTheApi()
    {
        Ours(Infrastructure).Should().NotContain("MusicPlayer.Api").And.Contain("MusicPlayer.Application");
    }

    [Fact]
    public void Api_NamespacesAreNamedForTheirConcern_NoneSharesTheInfrastructureProjectsName()
    {
        var namespaces = Api.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns?.StartsWith("MusicPlayer.Api.", StringComparison.Ordinal) == true)
            .Distinct()
            .ToArray();

        namespaces.Should().BeSubsetOf(
            ["MusicPlayer.Api.Caching", "MusicPlayer.Api.Controllers", "MusicPlayer.Api.Http", "MusicPlayer.Api.Observability", "MusicPlayer.Api.OpenApi", "MusicPlayer.Api.Security"],
            "a path alone should tell the layer and the concern; a new folder is named for what it holds");
        namespaces.Should().Contain("MusicPlayer.Api.Http");
    }

    [Fact]
    public void InnerLayers_PublicSignaturesNameNoEfCoreOrAspNetCoreType()
    {
        // Belt and braces: no public signature in the inner layers names an outer framework type.
        var offenders = new[] { Domain, Application }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Member: m)))
            .Where(x => SignatureTypes(x.Member).Any(s => s.Namespace is { } ns && (IsEfCore(ns) || IsAspNetCore(ns))))
            .Select(x => $"{x.Type.FullName}.{x.Member.Name}")
            .ToArray();

        offenders.Should().BeEmpty();
    }

    private static IEnumerable<Type> SignatureTypes(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
