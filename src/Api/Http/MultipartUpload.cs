using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MusicPlayer.Application.Common.Audio;
using MusicPlayer.Application.Common.Errors;

namespace MusicPlayer.Api.Http;

/// <summary>
/// A <c>multipart/form-data</c> upload read as a stream when the handler opens it (after authorization):
/// small form fields first (<c>albumId</c>), then the part named <c>file</c>, whose body is handed on
/// unread (the store copies it while hashing; it is never buffered whole). Fields are read only before
/// the file part (send them first); a request that is not multipart, or has no file part, is a 400.
/// </summary>
internal sealed class MultipartUpload(HttpRequest request) : IUpload
{
    public const string FilePart = "file";
    public const string AlbumIdField = "albumId";
    private const int FieldMaxBytes = 1024;
    private const int BufferBytes = 64 * 1024;

    public async Task<UploadedFile> OpenAsync(CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw RequestValidationException.For(FilePart, "Send the file as multipart/form-data, in a part named 'file'.");

        // The file part's length is bounded by Uploads:MaxBytes while it is stored, not here.
        // Its buffer sets how much each read of the file part can return: the default 4 KiB makes a 50 MB upload
        // thousands of small reads; 64 KiB lets the store fill its buffer in a few.
        var reader = new MultipartReader(boundary, request.Body, BufferBytes) { BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            // Fields and files alike are form-data parts (IsFormDisposition() would exclude files).
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name == FilePart)
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return new UploadedFile(section.Body, fileName, IntField(fields, AlbumIdField));
            }
            fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken);
        }
        throw RequestValidationException.For(FilePart, "The form has no part named 'file'.");
    }

    /// <summary>A positive integer form field, when present; 400 naming it when it is not one.</summary>
    private static int? IntField(Dictionary<string, string> fields, string name) =>
        !fields.TryGetValue(name, out var value) || value.Length == 0 ? null
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw RequestValidationException.For(name, $"'{name}' must be a positive whole number.");

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[FieldMaxBytes + 1];
        var length = 0;
        int read;
        while (length <= FieldMaxBytes && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0) length += read;
        if (length > FieldMaxBytes) throw RequestValidationException.For(name, $"A form field holds at most {FieldMaxBytes} bytes.");
        return Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }
}

/// <summary>
/// Keeps MVC from reading the form of a streamed upload: without form value providers nothing binds
/// (and so buffers) the body before the action streams it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DisableFormValueModelBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
