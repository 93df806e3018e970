using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Domain.Comments;

namespace MusicPlayer.Application.Features.Comments;

/// <summary>One comment by id, as reads show it.</summary>
public sealed class CommentByIdSpec : Specification<Comment, CommentDto>
{
    public CommentByIdSpec(int id) : base(CommentProjection.ToDto) => Where(c => c.Id == id);
}

/// <summary>A song's comments, newest first (the id breaks ties), one page.</summary>
public sealed class CommentsOfSongSpec : Specification<Comment, CommentDto>
{
    public CommentsOfSongSpec(int songId, IPagedQuery page) : base(CommentProjection.ToDto)
    {
        Where(c => c.SongId == songId);
        OrderBy(c => c.CreatedAt, descending: true);
        OrderBy(c => c.Id, descending: true);
        Page(page.Page, page.PageSize);
    }
}

/// <summary>How many comments a song has: counted from the rows, so it is exact whatever happens beside it.</summary>
public sealed class CommentCountSpec : Specification<Comment>
{
    public CommentCountSpec(int songId) => Where(c => c.SongId == songId);
}

internal static class CommentProjection
{
    // An expression, not Mapster: Mapster maps positional records through their constructor with null guards,
    // which SQL would carry as CASE expressions (see AlbumsOfSongSpec).
    public static readonly System.Linq.Expressions.Expression<Func<Comment, CommentDto>> ToDto = c =>
        new CommentDto(c.Id, c.Body, new CommentAuthorDto(c.AuthorId, c.Author.Username), c.CreatedAt, c.UpdatedAt);
}

/// <summary>Whether a song exists (untracked; reads nothing but its key).</summary>
public sealed class SongExistsSpec : Specification<Domain.Catalog.Song>
{
    public SongExistsSpec(int songId) => Where(s => s.Id == songId);
}
