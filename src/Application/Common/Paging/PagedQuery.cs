namespace MusicPlayer.Application.Common.Paging;

/// <summary>The paging part of every collection query.</summary>
public interface IPagedQuery
{
    int Page { get; }
    int PageSize { get; }
}

/// <summary>Paging limits of the contract.</summary>
public static class PagingLimits
{
    public const int DefaultPage = 1;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

/// <summary>One page of a collection, with the totals a client needs to page through it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => PageSize <= 0 ? 0 : (int)(((long)TotalCount + PageSize - 1) / PageSize);
}
