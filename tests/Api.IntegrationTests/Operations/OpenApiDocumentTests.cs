using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicPlayer.Api.Http;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Tests.Shared;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>/openapi/v1.json: the contract as clients generate code from it.</summary>
public sealed class OpenApiDocumentTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>
    /// The catalog operations of the contract (docs/api.md, "Catalog"), with the statuses each can return besides the 401 and 403
    /// of its access, which <see cref="EveryOperation_DocumentsTheUnauthorizedAndForbiddenOfItsAccess"/> checks
    /// for every operation from <see cref="AccessContract"/>.
    /// </summary>
    private static readonly (string Method, string Path, int[] Statuses)[] Catalog =
    [
        ("get", "/api/v1/albums", [200, 400]),
        ("get", "/api/v1/albums/{id}", [200, 404]),
        ("get", "/api/v1/albums/{id}/songs", [200, 404]),
        ("post", "/api/v1/albums", [201, 400, 413]),
        ("put", "/api/v1/albums/{id}", [200, 400, 404, 413]),
        ("delete", "/api/v1/albums/{id}", [204, 404]),
        ("put", "/api/v1/albums/{id}/songs/{songId}", [204, 400, 404, 413]),
        ("delete", "/api/v1/albums/{id}/songs/{songId}", [204, 404]),
        ("get", "/api/v1/songs", [200, 400]),
        ("get", "/api/v1/songs/{id}", [200, 404]),
        ("post", "/api/v1/songs", [201, 400, 413]),
        ("put", "/api/v1/songs/{id}", [200, 400, 404, 413]),
        ("delete", "/api/v1/songs/{id}", [204, 404]),
        ("put", "/api/v1/songs/{id}/like", [204, 404]),
        ("delete", "/api/v1/songs/{id}/like", [204, 404]),
    ];

    private JsonElement? _document;

    private async Task<JsonElement> DocumentAsync()
    {
        if (_document is { } cached) return cached;
        var response = await factory.Anonymous().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return _document.Value;
    }

    private async Task<List<(string Method, string Path, JsonElement Operation)>> OperationsAsync()
    {
        var document = await DocumentAsync();
        var operations = new List<(string, string, JsonElement)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var item in path.Value.EnumerateObject().Where(i => Methods.Contains(i.Name)))
                operations.Add((item.Name, path.Name, item.Value));
        operations.Should().NotBeEmpty();
        return operations;
    }

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static string[] Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();

    [Fact]
    public async Task Document_Version_IsOpenApi31()
    {
        var document = await DocumentAsync();

        document.GetProperty("openapi").GetString().Should().StartWith("3.1");
    }

    [Fact]
    public async Task Document_Info_HasTitleVersionLicenseAndContact()
    {
        var info = (await DocumentAsync()).GetProperty("info");

        info.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        info.GetProperty("version").GetString().Should().Be("v1");
        info.GetProperty("license").GetProperty("name").GetString().Should().NotBeNullOrWhiteSpace();
        info.GetProperty("contact").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Document_Servers_AreTheRootWithoutTrailingSlashIssue()
    {
        var servers = (await DocumentAsync()).GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToArray();

        servers.Should().Equal("/");
    }

    [Fact]
    public async Task Document_SecuritySchemes_DescribeBearerJwt()
    {
        var bearer = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        bearer.GetProperty("type").GetString().Should().Be("http");
        bearer.GetProperty("scheme").GetString().Should().Be("bearer");
        bearer.GetProperty("bearerFormat").GetString().Should().Be("JWT");
    }

    [Fact]
    public async Task Document_Paths_ExcludeHealthAndTooling()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();

        paths.Should().NotContain(p => p.StartsWith("/health") || p.StartsWith("/openapi") || p.StartsWith("/swagger"));
        paths.Should().OnlyContain(p => p.StartsWith("/api/v1/") || p == "/.well-known/jwks.json");
    }

    [Fact]
    public async Task Document_CatalogOperations_AreAllDescribed()
    {
        var operations = (await OperationsAsync()).Select(o => $"{o.Method} {o.Path}").ToArray();

        operations.Should().Contain(Catalog.Select(c => $"{c.Method} {c.Path}"));
    }

    [Fact]
    public async Task EveryOperation_HasSummaryOperationIdAndDeclaredTags()
    {
        var document = await DocumentAsync();
        var declaredTags = document.GetProperty("tags").EnumerateArray().ToDictionary(
            t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var operations = await OperationsAsync();

        foreach (var (method, path, operation) in operations)
        {
            var because = $"{method} {path}";
            operation.TryGetProperty("summary", out var summary).Should().BeTrue(because);
            summary.GetString().Should().NotBeNullOrWhiteSpace(because);
            operation.TryGetProperty("operationId", out var id).Should().BeTrue(because);
            id.GetString().Should().MatchRegex("^[A-Za-z][A-Za-z0-9_]*$", because);
            var tags = operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
            tags.Should().NotBeEmpty(because);
            foreach (var tag in tags)
            {
                declaredTags.Should().ContainKey(tag, because);
                declaredTags[tag].Should().NotBeNullOrWhiteSpace("tag {0} needs a description", tag);
            }
        }

        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EveryOperation_DeclaresSecurityBearerOrExplicitlyAnonymous()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            var because = $"{method} {path}";
            operation.TryGetProperty("security", out var security).Should().BeTrue(because);
            var requirements = security.EnumerateArray().ToArray();
            requirements.Should().ContainSingle(because);
            var schemes = requirements[0].EnumerateObject().Select(s => s.Name).ToArray();
            if (schemes.Length == 0) continue;
            schemes.Should().Equal(["Bearer"], because);
            Statuses(operation).Should().Contain("401", "{0} needs a token, so it can answer 401", because);
        }
    }

    [Fact]
    public async Task EveryOperation_IsAnEndpointOfTheApp_AndEveryEndpointIsDocumented()
    {
        var documented = (await OperationsAsync()).Select(o => $"{o.Method} {o.Path}");

        documented.Should().BeEquivalentTo(ApiOperations.Of(factory.Services).Select(o => $"{o.Method.ToLowerInvariant()} {o.Path}"));
    }

    [Fact]
    public async Task EveryOperation_SecurityMatchesTheAccessOfItsRequest()
    {
        var document = await DocumentAsync();

        foreach (var operation in ApiOperations.Of(factory.Services))
        {
            var security = Operation(document, operation.Method.ToLowerInvariant(), operation.Path)
                .GetProperty("security").EnumerateArray().Single();
            var schemes = security.EnumerateObject().Select(s => s.Name).ToArray();
            if (operation.Expected == Access.Public)
                schemes.Should().BeEmpty("{0} sends {1}, which is public: an explicit empty requirement", operation, operation.RequestType);
            else
                schemes.Should().Equal(["Bearer"], "{0} sends {1}, which needs a token", operation, operation.RequestType);
        }
    }

    /// <summary>
    /// 401 and 403 are derived from the request's declaration, so they are compared with the contract
    /// here, operation by operation: a request with access documents 401, an admin one also 403, and a
    /// public one documents them only where its action says so by hand (a wrong password's 401).
    /// </summary>
    [Fact]
    public async Task EveryOperation_DocumentsTheUnauthorizedAndForbiddenOfItsAccess()
    {
        var document = await DocumentAsync();

        foreach (var operation in ApiOperations.Of(factory.Services))
        {
            var statuses = Statuses(Operation(document, operation.Method.ToLowerInvariant(), operation.Path));
            var byHand = operation.HandDeclaredStatuses;
            var because = $"{operation} sends {operation.RequestType}, which is {operation.Expected}";

            statuses.Contains("401").Should().Be(operation.Expected != Access.Public || byHand.Contains(401), because);
            statuses.Contains("403").Should().Be(operation.Expected == Access.Admin || byHand.Contains(403), because);
        }
    }

    [Fact]
    public async Task CatalogOperations_DeclareEveryStatusOfTheContract()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, statuses) in Catalog)
        {
            Statuses(Operation(document, method, path)).Should().Contain(statuses.Select(s => s.ToString()),
                "{0} {1} can return each of them", method, path);
        }
    }

    [Fact]
    public async Task EveryOperation_DeclaresExactlyOneSuccessResponseWithItsBody()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            var because = $"{method} {path}";
            // A 206 is the same body, in part: it comes with a 200 (the ranged operations, checked below).
            var success = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Name != "206").ToArray();
            success.Should().ContainSingle(because);
            var (status, response) = (success[0].Name, success[0].Value);
            if (status == "204")
            {
                response.TryGetProperty("content", out _).Should().BeFalse(because);
                continue;
            }

            var content = response.GetProperty("content").EnumerateObject().ToArray();
            content[0].Value.GetProperty("schema").EnumerateObject().Should().NotBeEmpty(because);
            if (path.EndsWith("/cover", StringComparison.Ordinal))
            {
                // Covers are the image bytes in their own type.
                content.Select(c => c.Name).Should().Equal(["image/jpeg", "image/png", "image/webp"], because);
                continue;
            }
            if (path.EndsWith("/stream", StringComparison.Ordinal))
            {
                // The stream is the audio bytes in their own type, whole or in part.
                content.Select(c => c.Name).Should().Equal(AudioTypes, because);
                continue;
            }
            content.Select(c => c.Name).Should().Equal(["application/json"], because);
        }
    }

    private static readonly string[] AudioTypes = ["audio/mpeg", "audio/flac", "audio/ogg", "audio/mp4", "audio/wav"];

    [Theory]
    [InlineData("get")]
    [InlineData("head")]
    public async Task Stream_DocumentsRangesConditionsRedirectAndItsErrors(string method)
    {
        var operation = Operation(await DocumentAsync(), method, "/api/v1/songs/{id}/stream");

        Statuses(operation).Should().Equal("200", "206", "302", "304", "401", "403", "404", "416", "503");
        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("in").GetString());
        parameters.Should().Contain(new Dictionary<string, string?>
        {
            ["id"] = "path", ["expires"] = "query", ["sig"] = "query", ["Range"] = "header", ["If-Range"] = "header", ["If-None-Match"] = "header",
        });
        var responses = operation.GetProperty("responses");
        responses.GetProperty("206").GetProperty("content").EnumerateObject().Select(c => c.Name).Should().Equal(AudioTypes);
        responses.GetProperty("206").GetProperty("headers").TryGetProperty("Content-Range", out _).Should().BeTrue();
        responses.GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _).Should().BeTrue();
        responses.GetProperty("302").GetProperty("headers").TryGetProperty("Location", out _).Should().BeTrue();
        foreach (var empty in new[] { "302", "304", "416" })
            responses.GetProperty(empty).TryGetProperty("content", out _).Should().BeFalse(empty);
    }

    [Fact]
    public async Task StreamUrl_IsAuthenticated_AndAnswersUrlAndExpiry()
    {
        var document = await DocumentAsync();
        var operation = Operation(document, "get", "/api/v1/songs/{id}/stream-url");

        Statuses(operation).Should().Contain(["200", "401", "404"]);
        var schema = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString()!;
        document.GetProperty("components").GetProperty("schemas").GetProperty(schema.Split('/')[^1]).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["url", "expiresAt"]);
    }

    [Fact]
    public async Task EveryOperation_ErrorResponsesAreProblemDetails()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var because = $"{method} {path} {response.Name}";
                if (response.Name == "416")
                {
                    // RFC 9110 15.5.17: the answer to an unsatisfiable range is its Content-Range, not a body.
                    response.Value.TryGetProperty("content", out _).Should().BeFalse(because);
                    response.Value.GetProperty("headers").TryGetProperty("Content-Range", out _).Should().BeTrue(because);
                    continue;
                }
                var content = response.Value.GetProperty("content").EnumerateObject().ToArray();
                content.Select(c => c.Name).Should().Equal(["application/problem+json"], because);
                content[0].Value.GetProperty("schema").GetProperty("$ref").GetString().Should().MatchRegex("ProblemDetails$", because);
            }
        }
    }

    [Fact]
    public async Task EveryOperationWithABody_DeclaresBadRequestAndTooLarge()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            if (!operation.TryGetProperty("requestBody", out _)) continue;
            Statuses(operation).Should().Contain(["400", "413"], "{0} {1} reads a body", method, path);
        }
    }

    [Fact]
    public async Task EveryOperationWithAnId_DeclaresNotFound()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            if (!Regex.IsMatch(path, @"\{[A-Za-z]*[iI]d\}")) continue;
            Statuses(operation).Should().Contain("404", "{0} {1} names a resource by id", method, path);
        }
    }

    [Fact]
    public async Task EveryParameter_IsNamedInCamelCaseAndPathParametersMatchTheTemplate()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToArray() : [];
            // Headers keep HTTP's own spelling (Range, If-None-Match, If-Match); everything else is camelCase.
            foreach (var parameter in parameters)
                parameter.GetProperty("name").GetString().Should().MatchRegex(
                    parameter.GetProperty("in").GetString() == "header" ? "^[A-Z][a-z0-9]*(-[A-Z][a-z0-9]*)*$" : "^[a-z][A-Za-z0-9]*$",
                    "{0} {1}", method, path);

            var inPath = parameters.Where(x => x.GetProperty("in").GetString() == "path").ToArray();
            inPath.Select(x => "{" + x.GetProperty("name").GetString() + "}")
                .Should().BeEquivalentTo(Regex.Matches(path, @"\{[^}]+\}").Select(m => m.Value), "{0} {1}", method, path);
            foreach (var parameter in inPath)
                parameter.GetProperty("required").GetBoolean().Should().BeTrue("{0} {1}", method, path);
        }
    }

    [Theory]
    [InlineData("/api/v1/albums", new[] { "page", "pageSize", "genre", "artist", "q", "sort" })]
    [InlineData("/api/v1/songs", new[] { "page", "pageSize", "genre", "artist", "albumId", "q", "sort" })]
    public async Task CatalogList_QueryParameters_AreTheContractsNamesAndTypes(string path, string[] names)
    {
        var parameters = Operation(await DocumentAsync(), "get", path).GetProperty("parameters").EnumerateArray()
            .ToDictionary(x => x.GetProperty("name").GetString()!, x => x);

        parameters.Keys.Should().BeEquivalentTo(names);
        parameters.Values.Should().OnlyContain(x => x.GetProperty("in").GetString() == "query");
        foreach (var integer in names.Where(n => n is "page" or "pageSize" or "albumId"))
            parameters[integer].GetProperty("schema").GetProperty("type").GetString().Should().Be("integer", integer);
    }

    [Fact]
    public async Task Document_Numbers_AreNeverAlsoStrings()
    {
        var offenders = new List<string>();

        Walk(await DocumentAsync(), "#", offenders);

        offenders.Should().BeEmpty("strict number handling means an integer is never 'integer | string'");
    }

    private static void Walk(JsonElement element, string at, List<string> offenders)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "type" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        var types = property.Value.EnumerateArray().Select(t => t.GetString()).ToArray();
                        if (types.Contains("string") && (types.Contains("integer") || types.Contains("number"))) offenders.Add(at);
                    }

                    Walk(property.Value, $"{at}/{property.Name}", offenders);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{at}/{i++}", offenders);
                break;
        }
    }

    /// <summary>An action that reads its body itself (binding off) still documents it, or a generated client could not send one.</summary>
    [Fact]
    public async Task EveryOperationReadingItsOwnBody_DocumentsTheBody()
    {
        var document = await DocumentAsync();
        var streaming = ApiOperations.Of(factory.Services)
            .Where(o => o.Endpoint.Metadata.GetMetadata<DisableFormValueModelBindingAttribute>() is not null)
            .ToList();

        streaming.Should().HaveCount(5);
        foreach (var operation in streaming)
            Operation(document, operation.Method.ToLowerInvariant(), operation.Path).TryGetProperty("requestBody", out _)
                .Should().BeTrue("{0} reads a body", operation);
    }

    [Theory]
    [InlineData("put", "/api/v1/uploads/sessions/{id}/content", new[] { "application/octet-stream" })]
    [InlineData("put", "/api/v1/songs/{id}/cover", new[] { "image/jpeg", "image/png", "image/webp" })]
    [InlineData("put", "/api/v1/albums/{id}/cover", new[] { "image/jpeg", "image/png", "image/webp" })]
    public async Task RawBodies_AreBinaryOfTheirContentTypes(string method, string path, string[] contentTypes)
    {
        var body = Operation(await DocumentAsync(), method, path).GetProperty("requestBody");

        body.GetProperty("required").GetBoolean().Should().BeTrue();
        var content = body.GetProperty("content").EnumerateObject().ToList();
        content.Select(c => c.Name).Should().Equal(contentTypes);
        foreach (var type in content)
        {
            type.Value.GetProperty("schema").GetProperty("type").GetString().Should().Be("string");
            type.Value.GetProperty("schema").GetProperty("format").GetString().Should().Be("binary");
        }
    }

    [Theory]
    [InlineData("post", "/api/v1/uploads", new[] { "albumId", "file" })]
    [InlineData("put", "/api/v1/songs/{id}/audio", new[] { "file" })]
    public async Task MultipartBodies_AreAFormWithARequiredFilePart(string method, string path, string[] fields)
    {
        var schema = Operation(await DocumentAsync(), method, path).GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema");

        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(fields);
        schema.GetProperty("properties").GetProperty("file").GetProperty("format").GetString().Should().Be("binary");
        schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().Equal("file");
        if (fields.Contains("albumId"))
            schema.GetProperty("properties").GetProperty("albumId").GetProperty("type").GetString().Should().Be("integer");
    }

    [Theory]
    [InlineData("AlbumInput", new[] { "title", "artist", "genre" })]
    [InlineData("SongInput", new[] { "title", "artist", "genre", "fileUrl" })]
    public async Task RequestSchemas_RequireExactlyTheRequiredFields(string schema, string[] required)
    {
        var input = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema);

        input.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Should().BeEquivalentTo(required);
    }
}
