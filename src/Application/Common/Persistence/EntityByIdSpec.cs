using MusicPlayer.Domain.Common;

namespace MusicPlayer.Application.Common.Persistence;

/// <summary>One entity by id, tracked so that it can be changed.</summary>
public sealed class EntityByIdSpec<T> : Specification<T> where T : Entity
{
    public EntityByIdSpec(int id, params string[] includes)
    {
        ReadOnly = false;
        Where(e => e.Id == id);
        foreach (var include in includes) Include(include);
    }
}
