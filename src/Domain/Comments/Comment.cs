using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Domain.Comments;

/// <summary>
/// A user's plain-text comment on a song. The body is stored as given (trimmed): it is text, never markup,
/// and clients escape it. The comment goes with its song and with its author.
/// </summary>
public sealed class Comment : Entity
{
    public const int BodyMaxLength = 2000;

    private Comment() { }

    public int SongId { get; private set; }
    public int AuthorId { get; private set; }
    public User Author { get; private set; } = null!;
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static Comment Create(int songId, int authorId, string? body, DateTime now) => new()
    {
        SongId = songId,
        AuthorId = authorId,
        Body = CheckedBody(body),
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void Edit(string? body, DateTime now)
    {
        Body = CheckedBody(body);
        UpdatedAt = now;
    }

    private static string CheckedBody(string? body)
    {
        var text = Text.Required(body, "body", BodyMaxLength);
        return Text.HasForbiddenCharacters(text, allowLineBreaks: true)
            ? throw new DomainException("body", "'body' must not contain control characters other than line breaks and tabs, nor invisible format characters.")
            : text;
    }
}
