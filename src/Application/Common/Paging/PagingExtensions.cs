using MusicPlayer.Application.Common.Persistence;

namespace MusicPlayer.Application.Common.Paging;

public static class PagingExtensions
{
    /// <summary>Reads one page of what <paramref name="specification"/> selects, with the total count.</summary>
    public static async Task<PagedResult<TResult>> PageAsync<T, TResult>(
        this IReadRepository<T> repository, Specification<T, TResult> specification, IPagedQuery query,
        CancellationToken cancellationToken) where T : class
    {
        var total = await repository.CountAsync(specification, cancellationToken);
        var items = specification.Skip < total
            ? await repository.ListAsync(specification, cancellationToken)
            : [];
        return new PagedResult<TResult>(items, query.Page, query.PageSize, total);
    }
}
