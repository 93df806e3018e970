using Microsoft.OpenApi;
using MusicPlayer.Api.Http;

namespace MusicPlayer.Api.OpenApi;

/// <summary>
/// Documents a request body that the action reads from the request stream itself (model binding is off
/// for it, so the document would otherwise show none): a raw body of the given content types, or a
/// multipart/form-data form whose last part is the file (<see cref="MultipartUpload"/>) (<see cref="MultipartFile"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class StreamedBodyAttribute(params string[] contentTypes) : Attribute
{
    /// <summary>A multipart/form-data form: optional integer fields (<see cref="IntegerFields"/>), then the part named <c>file</c>.</summary>
    public const string MultipartFile = "multipart/form-data";

    public IReadOnlyList<string> ContentTypes => contentTypes;

    /// <summary>Integer form fields sent before the file part, for <see cref="MultipartFile"/>.</summary>
    public string[] IntegerFields { get; init; } = [];

    public OpenApiRequestBody ToRequestBody() => new()
    {
        Required = true,
        Content = ContentTypes.ToDictionary(type => type, type => new OpenApiMediaType { Schema = SchemaFor(type) }),
    };

    private IOpenApiSchema SchemaFor(string contentType)
    {
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        if (contentType != MultipartFile) return binary;

        var properties = IntegerFields.ToDictionary(
            name => name, IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" });
        properties[MultipartUpload.FilePart] = binary;
        return new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = new HashSet<string> { MultipartUpload.FilePart } };
    }
}
