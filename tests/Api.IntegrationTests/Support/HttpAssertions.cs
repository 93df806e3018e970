using System.Net;
using System.Text.Json;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>Checks on responses: status, JSON bodies, and the contract's problem details.</summary>
public static class HttpAssertions
{
    /// <summary>Text that must never reach a client: .NET type names, exception text, SQL engine names, stack traces.</summary>
    private static readonly string[] Leaks =
        ["System.", "Exception", "at MusicPlayer", "SQLite", "Microsoft.", ".cs:line", "StackTrace", "SELECT ", "INSERT "];

    /// <summary>A stack frame as .NET prints it: "at Namespace.Type.Method(".</summary>
    private static readonly System.Text.RegularExpressions.Regex StackFrame = new(@"\bat [A-Za-z_][\w.`<>]*\(");

    public static async Task<JsonElement> ShouldBeJsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the response was {0} {1}", response.RequestMessage?.RequestUri, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task ShouldBeEmptyAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the response body was {0}", body);
        body.Should().BeEmpty();
    }

    /// <summary>
    /// An RFC 9457 problem with the given status: <c>application/problem+json</c>, <c>title</c>,
    /// <c>status</c> and <c>traceId</c>, and nothing that reveals the implementation.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the response to {0} {1} was {2}",
            response.RequestMessage?.Method, response.RequestMessage?.RequestUri, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "body: {0}", body);
        foreach (var leak in Leaks) body.Should().NotContainEquivalentOf(leak, "problems reveal nothing of the implementation");
        StackFrame.IsMatch(body).Should().BeFalse("a problem never carries a stack trace: {0}", body);

        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.ValueKind.Should().Be(JsonValueKind.Object);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>A 400 problem whose <c>errors</c> name exactly <paramref name="fields"/> (camelCase), each with plain messages.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.ValueKind.Should().Be(JsonValueKind.Object);
        var keys = errors.EnumerateObject().Select(p => p.Name).ToArray();
        keys.Should().BeEquivalentTo(fields, "the errors were {0}", errors.GetRawText());
        foreach (var error in errors.EnumerateObject())
        {
            error.Value.ValueKind.Should().Be(JsonValueKind.Array);
            error.Value.GetArrayLength().Should().BeGreaterThan(0);
            foreach (var message in error.Value.EnumerateArray())
            {
                message.GetString().Should().NotBeNullOrWhiteSpace();
                message.GetString().Should().NotContain("$.", "messages use field names, not JSON paths");
            }
        }

        return problem;
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> and a problem body.</summary>
    public static async Task ShouldBeUnauthorizedAsync(this HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
    }
}
