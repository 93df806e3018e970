using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>The body of posting and editing a comment.</summary>
public sealed record CommentInput(string? Body);

/// <summary>1..2000 characters after trimming; line breaks and tabs allowed, other control and invisible format characters not.</summary>
public sealed class CommentInputValidator : RequestValidator<CommentInput>
{
    public CommentInputValidator() => RuleFor(c => c.Body).RequiredText(Comment.BodyMaxLength, multiline: true);
}
