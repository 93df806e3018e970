using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Api.OpenApi;

namespace MusicPlayer.Api.IntegrationTests.Operations;

/// <summary>
/// The schemas of /openapi/v1.json against the .NET types the service really reads and writes: what a
/// generated client is typed with. Each operation's request body and responses, as API Explorer knows
/// them from the actions, are walked through the document (every <c>$ref</c> resolved) side by side
/// with their types.
/// </summary>
public sealed class OpenApiSchemaTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private JsonElement? _document;

    private async Task<JsonElement> DocumentAsync()
    {
        if (_document is { } cached) return cached;
        var response = await factory.Anonymous().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return _document.Value;
    }

    private async Task<SchemaWalk> WalkAsync()
    {
        var document = await DocumentAsync();
        var walk = new SchemaWalk(document.GetProperty("components").GetProperty("schemas"));
        var descriptions = factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>()
            .ApiDescriptionGroups.Items.SelectMany(g => g.Items)
            .Where(d => OpenApiSetup.IsDocumented(d.RelativePath))
            .ToArray();
        descriptions.Should().NotBeEmpty();

        foreach (var description in descriptions)
        {
            var method = description.HttpMethod!.ToLowerInvariant();
            var path = "/" + Regex.Replace(description.RelativePath!, @"\{([^}:]+)(:[^}]*)?\}", "{$1}");
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            var at = $"{method} {path}";

            var body = description.ParameterDescriptions.SingleOrDefault(p => p.Source == BindingSource.Body);
            var streamed = description.ActionDescriptor.EndpointMetadata.OfType<StreamedBodyAttribute>().Any();
            operation.TryGetProperty("requestBody", out var requestBody).Should().Be(body is not null || streamed, at);
            if (body is not null)
                foreach (var content in requestBody.GetProperty("content").EnumerateObject())
                    walk.Visit(content.Value.GetProperty("schema"), body.Type, $"{at} request {content.Name}", response: false);

            foreach (var response in description.SupportedResponseTypes)
            {
                var documented = operation.GetProperty("responses").GetProperty(response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (response.Type is null || response.Type == typeof(void))
                {
                    documented.TryGetProperty("content", out _).Should().BeFalse("{0} {1} has no body", at, response.StatusCode);
                    continue;
                }

                foreach (var content in documented.GetProperty("content").EnumerateObject())
                    walk.Visit(content.Value.GetProperty("schema"), response.Type, $"{at} {response.StatusCode} {content.Name}", response: true);
            }
        }

        return walk;
    }

    [Fact]
    public async Task EveryOperation_RequestAndResponseSchemas_HaveExactlyThePropertiesOfTheirTypes()
    {
        var walk = await WalkAsync();

        walk.Mismatches.Should().BeEmpty();
        walk.Visited.Should().Contain(["LoginRequest", "RegisterRequest", "SongDto", "PagedResultOfSongDto", "TokenResponse"],
            "the walk reached the request and response schemas");
    }

    [Fact]
    public async Task SchemaIds_NameOneTypeEach_AndEveryComponentSchemaIsUsed()
    {
        var walk = await WalkAsync();

        walk.TypesById.Where(t => t.Value.Count > 1).Select(t => $"{t.Key}: {string.Join(", ", t.Value)}")
            .Should().BeEmpty("an id shared by two types makes a generated client send one type's fields for the other");
        var components = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name);
        components.Should().BeEquivalentTo(walk.TypesById.Keys, "every component schema is the schema of a type some operation reads or writes");
    }

    [Theory]
    [InlineData("post", "/api/v1/auth/register", "RegisterRequest")]
    [InlineData("post", "/api/v1/auth/login", "LoginRequest")]
    [InlineData("post", "/api/v1/auth/refresh", "RefreshRequest")]
    [InlineData("post", "/api/v1/auth/logout", "LogoutRequest")]
    [InlineData("put", "/api/v1/users/me", "UpdateMeRequest")]
    [InlineData("post", "/api/v1/users/me/password", "ChangePasswordRequest")]
    public async Task UseCaseCommands_AreNamedAfterTheirUseCase(string method, string path, string id)
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("requestBody").GetProperty("content");

        foreach (var content in body.EnumerateObject())
            content.Value.GetProperty("schema").GetProperty("$ref").GetString().Should().Be($"#/components/schemas/{id}");
    }

    [Theory]
    [InlineData("/api/v1/songs", "PagedResultOfSongDto")]
    [InlineData("/api/v1/albums", "PagedResultOfAlbumDto")]
    [InlineData("/api/v1/users", "PagedResultOfUserDto")]
    [InlineData("/api/v1/users/me/likes", "PagedResultOfLikedSongDto")]
    public async Task Pages_AreNamedAfterTheirItems(string path, string id)
    {
        var schema = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        schema.GetProperty("$ref").GetString().Should().Be($"#/components/schemas/{id}");
    }

    /// <summary>
    /// <c>required</c> of every schema a response reaches is exactly the properties of its type that are
    /// not nullable and always written: not <c>T?</c>, and no <c>[JsonIgnore(Condition = ...)]</c>.
    /// </summary>
    [Fact]
    public async Task ResponseSchemas_RequireExactlyThePropertiesAlwaysWritten()
    {
        var walk = await WalkAsync();
        var components = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        walk.ResponseSchemas.Should().Contain(["UserDto", "UserProfileDto", "PagedResultOfSongDto", "SongDetailDto", "AlbumRefDto", "ProblemDetails"]);

        foreach (var id in walk.ResponseSchemas)
        {
            var type = walk.TypesById[id].Single();
            // Raw bytes (covers) are a binary string, not an object of the stream's properties.
            if (typeof(Stream).IsAssignableFrom(type)) continue;
            var required = components.GetProperty(id).TryGetProperty("required", out var r)
                ? r.EnumerateArray().Select(x => x.GetString()!).ToArray()
                : [];
            var alwaysWritten = JsonProperties(type).Where(p => AlwaysWritten(p) && !IsNullable(p)).Select(JsonName);

            required.Should().BeEquivalentTo(alwaysWritten, "schema {0} describes {1}", id, type);
        }

        var profile = components.GetProperty("UserProfileDto").GetProperty("required").EnumerateArray().Select(x => x.GetString());
        profile.Should().NotContain(["email", "role", "updatedAt", "lastName"], "they are left out for others or may be null");
    }

    [Fact]
    public async Task EveryOperationWithAJsonBody_DocumentsUnsupportedMediaType()
    {
        var document = await DocumentAsync();
        var withBody = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject().Where(o => ReadsJson(o.Value)))
            {
                withBody++;
                var response = operation.Value.GetProperty("responses").GetProperty("415");
                response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref")
                    .GetString().Should().EndWith("/ProblemDetails", "{0} {1}", operation.Name, path.Name);
            }

        withBody.Should().BeGreaterThan(10);
    }

    /// <summary>What the document says is true: a JSON-body operation answers text/plain with a 415 problem, before it looks at anything else.</summary>
    [Fact]
    public async Task EveryOperationWithAJsonBody_AnswersTextPlainWith415Problem()
    {
        var document = await DocumentAsync();
        var admin = factory.AsAdmin();
        var operations = ApiOperations.Of(factory.Services)
            .Where(o => ReadsJson(document.GetProperty("paths").GetProperty(o.Path).GetProperty(o.Method.ToLowerInvariant())))
            .ToArray();
        operations.Should().HaveCountGreaterThan(10);

        foreach (var operation in operations)
        {
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Url("1"))
            {
                Content = new StringContent("{}", Encoding.UTF8, "text/plain"),
            };
            var response = await admin.SendAsync(request);

            await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        }
    }

    /// <summary>Whether the operation's body is JSON (the raw and multipart bodies of uploads and covers are not).</summary>
    private static bool ReadsJson(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _);

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The properties of <paramref name="type"/> that JSON reads and writes: public, readable, not ignored, not extension data.</summary>
    private static IEnumerable<PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Where(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is null);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static bool AlwaysWritten(PropertyInfo property) =>
        property.GetCustomAttribute<JsonIgnoreAttribute>() is not { } ignore || ignore.Condition == JsonIgnoreCondition.Never;

    private static bool IsNullable(PropertyInfo property) => Nullability.Create(property).ReadState != NullabilityState.NotNull;

    /// <summary>Walks a schema of the document and the .NET type it stands for, together.</summary>
    private sealed class SchemaWalk(JsonElement components)
    {
        private readonly HashSet<(string Id, Type Type, bool Response)> _done = [];

        /// <summary>Every component schema id reached, with the types it stood for (one, unless ids collide).</summary>
        public Dictionary<string, HashSet<Type>> TypesById { get; } = [];

        /// <summary>Ids of the schemas a response reaches.</summary>
        public HashSet<string> ResponseSchemas { get; } = [];

        public IEnumerable<string> Visited => TypesById.Keys;

        public List<string> Mismatches { get; } = [];

        public void Visit(JsonElement schema, Type type, string at, bool response)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            schema = NotNull(schema);
            string? id = null;
            if (schema.TryGetProperty("$ref", out var reference))
            {
                id = reference.GetString()!.Split('/')[^1];
                if (!TypesById.TryGetValue(id, out var types)) TypesById[id] = types = [];
                types.Add(type);
                if (response) ResponseSchemas.Add(id);
                if (!_done.Add((id, type, response))) return;
                schema = components.GetProperty(id);
            }

            if (IsScalar(type)) return;
            if (ElementOf(type) is { } element)
            {
                if (!schema.TryGetProperty("items", out var items)) Mismatches.Add($"{at}: {type} is a list, the schema has no items");
                else Visit(items, element, $"{at}[]", response);
                return;
            }

            if (id is null) Mismatches.Add($"{at}: {type} is inline, not a named schema");
            var expected = JsonProperties(type).ToDictionary(JsonName);
            var documented = schema.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
                : [];
            if (!documented.Keys.ToHashSet().SetEquals(expected.Keys))
                Mismatches.Add($"{at}: schema {id} has [{string.Join(", ", documented.Keys)}], {type} has [{string.Join(", ", expected.Keys)}]");

            foreach (var (name, property) in expected)
                if (documented.TryGetValue(name, out var propertySchema))
                    Visit(propertySchema, property.PropertyType, $"{at}.{name}", response);
        }

        /// <summary>The schema without its "or null": the non-null branch of a <c>oneOf</c>/<c>anyOf</c>.</summary>
        private static JsonElement NotNull(JsonElement schema)
        {
            foreach (var keyword in new[] { "oneOf", "anyOf" })
                if (schema.TryGetProperty(keyword, out var branches))
                {
                    var notNull = branches.EnumerateArray()
                        .Where(b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                        .ToArray();
                    if (notNull.Length == 1) return notNull[0];
                }

            return schema;
        }

        private static bool IsScalar(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan)
            || type == typeof(Guid) || type == typeof(Uri) || type == typeof(object) || typeof(Stream).IsAssignableFrom(type)
            // Any JSON value (a smart rule's value): its schema is the union of the kinds it takes, not an object of JsonElement's members.
            || type == typeof(JsonElement);

        private static Type? ElementOf(Type type) =>
            type == typeof(string) ? null
            : type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
              ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }
}
