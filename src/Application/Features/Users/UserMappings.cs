using Mapster;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Users as their full profile shows them.</summary>
public sealed class UserMappings : IRegister
{
    public void Register(TypeAdapterConfig config) => config.NewConfig<User, UserDto>();
}
