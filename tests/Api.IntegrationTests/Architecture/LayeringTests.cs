using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using MusicPlayer.Application.Common.Persistence;
using NetArchTest.Rules;

namespace MusicPlayer.Api.IntegrationTests.Architecture;

/// <summary>
/// Dependencies point inward only: Api → Infrastructure → Application → Domain. The rules look at every
/// type each layer uses (signatures, bodies, attributes, generic arguments), not only at assembly references.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(MusicPlayer.Domain.Common.Entity).Assembly;
    private static readonly Assembly Application = typeof(MusicPlayer.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(MusicPlayer.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    private const string EfCore = "Microsoft.EntityFrameworkCore";
    private static readonly string[] AspNetCore = ["Microsoft.AspNetCore", "Microsoft.Net.Http"];

    /// <summary>Each layer's root namespace is its assembly's name (<see cref="Assemblies_HaveTheExpectedNames"/>).</summary>
    private static string Layer(Assembly assembly) => assembly.GetName().Name!;

    private static void ShouldPass(TestResult result, string because)
    {
        (result.FailingTypeNames ?? []).Should().BeEmpty(because);
        result.IsSuccessful.Should().BeTrue(because);
    }

    [Fact]
    public void Assemblies_HaveTheExpectedNames()
    {
        new[] { Domain, Application, Infrastructure, Api }.Select(a => a.GetName().Name)
            .Should().Equal("MusicPlayer.Domain", "MusicPlayer.Application", "MusicPlayer.Infrastructure", "MusicPlayer.Api");
    }

    [Fact]
    public void Domain_DependsOnNothingButTheRuntime()
    {
        ShouldPass(
            // Types the compiler synthesizes (for collection expressions, say) sit in the global namespace and name themselves.
            Types.InAssembly(Domain).That().DoNotHaveNameStartingWith("<").Should().OnlyHaveDependenciesOn("System", Layer(Domain)).GetResult(),
            "the domain depends on nothing but the runtime: no other layer, no EF Core, ASP.NET Core, MediatR or FluentValidation");
    }

    [Fact]
    public void Application_DependsOnNoOuterLayerNorInfrastructureFramework()
    {
        ShouldPass(
            Types.InAssembly(Application).ShouldNot()
                .HaveDependencyOnAny([Layer(Infrastructure), Layer(Api), EfCore, .. AspNetCore]).GetResult(),
            "the application layer sees the domain and its own ports, never how they are implemented or served");
        Types.InAssembly(Application).That().HaveDependencyOn(Layer(Domain)).GetTypes().Should().NotBeEmpty();
    }

    [Fact]
    public void OnlyTheApi_DependsOnAMetricsOrTelemetryLibrary()
    {
        string[] libraries = ["Prometheus", "OpenTelemetry"];
        foreach (var inner in new[] { Domain, Application, Infrastructure })
            ShouldPass(Types.InAssembly(inner).ShouldNot().HaveDependencyOnAny(libraries).GetResult(),
                $"{Layer(inner)} reports through the IServiceMetrics port");
        Types.InAssembly(Api).That().HaveDependencyOnAny(libraries).GetTypes().Should().NotBeEmpty();
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnTheApi()
    {
        ShouldPass(
            Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn(Layer(Api)).GetResult(),
            "the infrastructure implements the application's ports and knows nothing of HTTP endpoints");
        Types.InAssembly(Infrastructure).That().HaveDependencyOn(Layer(Application)).GetTypes().Should().NotBeEmpty();
    }

    [Fact]
    public void Controllers_SendRequestsThroughMediatR_NeverReachRepositoriesStoresOrTheDbContext()
    {
        // The data-access ports: the repositories and specifications, and every *Store interface of the application.
        var dataAccess = Application.GetTypes()
            .Where(t => t.IsInterface && t.Name.EndsWith("Store", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .Prepend(typeof(IRepository<>).Namespace!)
            .ToArray();
        var controllers = Types.InAssembly(Api).That()
            .ResideInNamespace("MusicPlayer.Api.Controllers").And().Inherit(typeof(ControllerBase));

        controllers.GetTypes().Should().NotBeEmpty();
        ShouldPass(
            controllers.ShouldNot().HaveDependencyOnAny([Layer(Infrastructure), EfCore, .. dataAccess]).GetResult(),
            "a controller sends a request and returns its answer; the handler behind MediatR does the data access");
        ShouldPass(controllers.Should().HaveDependencyOn("MediatR").GetResult(), "every controller sends its requests through MediatR");
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
}
