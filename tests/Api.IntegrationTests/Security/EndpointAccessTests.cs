using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions.Execution;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>
/// Access is declared once, on the request; everything else about it is derived from the endpoints
/// (<see cref="ApiOperations"/>) and checked here against <see cref="AccessContract"/>: every operation
/// names its request, the endpoint's bearer challenge agrees with the request's declaration, and over
/// HTTP every protected operation answers 401 without a token and every admin one 403 to a user.
/// </summary>
public sealed class EndpointAccessTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private IReadOnlyList<ApiOperation> Operations => ApiOperations.Of(factory.Services);

    private static HttpRequestMessage Request(ApiOperation operation, string id, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Url(id));
        // An empty object binds every body of the API (its fields are optional to binding; validators run later).
        if (operation.Method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public void Endpoints_EveryOperationNamesARequestOfTheContract()
    {
        var operations = Operations;

        operations.Should().HaveCountGreaterThanOrEqualTo(28);
        operations.Where(o => o.RequestType is null).Should().BeEmpty("every action names the request it sends");
        operations.Where(o => o.Expected is null).Should().BeEmpty("every request an action sends is in the access table");
        operations.Select(o => o.ToString()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Contract_EveryRequestButTheHostsOwn_IsSentByExactlyOneOperation()
    {
        // A HEAD is the GET of the same action without its body: the same operation for this purpose.
        var sent = Operations.Where(o => o.Method != "HEAD").Select(o => o.RequestType!).ToArray();

        sent.Should().OnlyHaveUniqueItems();
        sent.Should().BeEquivalentTo(AccessContract.ByRequest.Keys.Except(AccessContract.HostOnly));
    }

    [Fact]
    public void EveryOperation_EndpointAuthorizationAgreesWithTheRequestDeclaration()
    {
        using var scope = new AssertionScope();
        foreach (var operation in Operations)
        {
            var needsToken = operation.Expected != Access.Public;
            AccessContract.Declared(operation.RequestType!).Should().Be(operation.Expected, "{0} sends {1}", operation, operation.RequestType);
            operation.EndpointRequiresToken.Should().Be(needsToken,
                "{0} sends a request that is {1}: its endpoint must {2} the bearer challenge", operation, operation.Expected,
                needsToken ? "answer" : "not answer");
        }
    }

    [Fact]
    public void EveryOperation_EndpointAuthorizationNamesNoRolesNorPolicies()
    {
        var withRoles = Operations
            .Where(o => o.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Any(a => !string.IsNullOrEmpty(a.Roles) || !string.IsNullOrEmpty(a.Policy)))
            .Select(o => o.ToString());

        withRoles.Should().BeEmpty("roles are declared on the request and enforced by the pipeline, which answers 403 as a problem");
    }

    [Fact]
    public void EveryOperation_DeclaresNoDerivedAccessStatusByHand()
    {
        using var scope = new AssertionScope();
        foreach (var operation in Operations)
        {
            var declared = operation.HandDeclaredStatuses;
            if (operation.Expected != Access.Public)
                declared.Should().NotContain(401, "{0}: the 401 of a request with [Authorize] is documented from the request", operation);
            if (operation.Expected == Access.Admin)
                declared.Should().NotContain(403, "{0}: the 403 of a request with roles is documented from the request", operation);
        }
    }

    [Fact]
    public async Task EveryOperation_SendsTheRequestItNames()
    {
        var recorder = new RecordingMediator();
        using var recording = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMediator>(recorder)));
        var client = recording.CreateClient();
        var token = factory.Admin.Token();

        using var scope = new AssertionScope();
        foreach (var operation in Operations)
        {
            recorder.Sent.Clear();
            var response = await client.SendAsync(Request(operation, "1", token));

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, "{0} reached its action, which sent one request", operation);
            recorder.Sent.Should().Equal([operation.RequestType!], "{0} names {1}", operation, operation.RequestType);
        }
    }

    [Fact]
    public async Task EveryProtectedOperation_WithoutAToken_Returns401WithTheBearerChallenge()
    {
        var client = factory.Anonymous();

        foreach (var operation in Operations.Where(o => o.Expected != Access.Public))
            await (await client.SendAsync(Request(operation, "987654", token: null))).ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task EveryAdminOperation_AsUser_Returns403BeforeLookingAnythingUp()
    {
        var client = factory.Anonymous();
        var token = factory.User.Token();

        foreach (var operation in Operations.Where(o => o.Expected == Access.Admin))
            await (await client.SendAsync(Request(operation, "987654", token))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>Records the type of every request sent and answers each with a 404, so nothing changes.</summary>
    private sealed class RecordingMediator : IMediator
    {
        public List<Type> Sent { get; } = [];

        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            Sent.Add(request.GetType());
            throw new NotFoundException("Probe", 0);
        }

        public Task Publish(object notification, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The API publishes no notifications.");

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification =>
            throw new InvalidOperationException("The API publishes no notifications.");
    }
}
