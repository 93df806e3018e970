namespace MusicPlayer.Application.Features.Comments;

/// <summary>A comment as every read shows it: the body exactly as stored, and who wrote it.</summary>
public sealed record CommentDto(int Id, string Body, CommentAuthorDto Author, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The author of a comment: id and username, nothing more of the account.</summary>
public sealed record CommentAuthorDto(int Id, string Username);
