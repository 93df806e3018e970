using System.Linq.Expressions;
using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>One entity by id, tracked so that it can be changed, with the navigations the change needs.</summary>
public sealed class EntityByIdSpec<T> : Specification<T> where T : Entity
{
    public EntityByIdSpec(int id, params Expression<Func<T, object?>>[] includes)
    {
        Tracked = true;
        Where(e => e.Id == id);
        foreach (var include in includes) Include(include);
    }
}
