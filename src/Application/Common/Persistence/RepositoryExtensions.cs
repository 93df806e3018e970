using System.Linq.Expressions;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Common.Persistence;

public static class RepositoryExtensions
{
    /// <summary>
    /// The entity with this id, tracked for changes, with the given navigations loaded; a
    /// <see cref="NotFoundException"/> naming the entity type when there is none.
    /// </summary>
    public static async Task<T> GetByIdOrThrowAsync<T>(this IReadRepository<T> repository, int id,
        CancellationToken cancellationToken, params Expression<Func<T, object?>>[] includes) where T : Entity =>
        await repository.FirstOrDefaultAsync(new EntityByIdSpec<T>(id, includes), cancellationToken)
        ?? throw new NotFoundException(typeof(T).Name, id);

    /// <summary>What <paramref name="specification"/> reads for the entity with this id; NotFound when it reads nothing.</summary>
    public static async Task<TResult> FirstOrThrowAsync<T, TResult>(this IReadRepository<T> repository,
        Specification<T, TResult> specification, int id, CancellationToken cancellationToken) where T : Entity =>
        await repository.FirstOrDefaultAsync(specification, cancellationToken) ?? throw new NotFoundException(typeof(T).Name, id);
}
