using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>The caller's own profile.</summary>
public static class GetMe
{
    [Authorize]
    public sealed record Query : IRequest<UserDto>;

    internal sealed class Handler(IReadRepository<User> users, ICurrentUser currentUser) : IRequestHandler<Query, UserDto>
    {
        public async Task<UserDto> Handle(Query request, CancellationToken cancellationToken) =>
            await users.FirstOrDefaultAsync(new UserDtoSpec(currentUser.RequiredUserId), cancellationToken)
            ?? throw new UnauthenticatedException("The account no longer exists.");
    }
}

/// <summary>Changes the caller's username and names (not the email, not the role).</summary>
public static class UpdateMe
{
    [Authorize]
    public sealed record Command(string? Username, string? FirstName, string? LastName = null) : IRequest<UserDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Username).Username();
            this.ProfileRules(c => c.FirstName, c => c.LastName);
        }
    }

    internal sealed class Handler(IRepository<User> users, ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public async Task<UserDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await Accounts.LoadAsync(users, currentUser.RequiredUserId, cancellationToken);
            await UniqueAccount.EnsureAsync(users, request.Username, null, user.Id, cancellationToken);
            user.SetProfile(request.Username, user.Email, request.FirstName, request.LastName, clock.GetUtcNow().UtcDateTime);
            await users.SaveChangesAsync(cancellationToken);
            return UserDto.From(user);
        }
    }
}

/// <summary>Changes the caller's password and ends every session they have.</summary>
public static class ChangePassword
{
    [Authorize]
    public sealed record Command(string? CurrentPassword, string? NewPassword) : IRequest<Unit>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("'currentPassword' is required.");
            RuleFor(c => c.NewPassword).Password();
        }
    }

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, IPasswordHasher hasher,
        ICurrentUser currentUser, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await Accounts.LoadAsync(users, currentUser.RequiredUserId, cancellationToken);
            if (hasher.Verify(user.PasswordHash, request.CurrentPassword!) == PasswordCheck.Failed)
                throw RequestValidationException.For("currentPassword", "The current password is wrong.");
            user.ChangePassword(hasher.Hash(request.NewPassword!), now);
            await users.SaveChangesAsync(cancellationToken);
            await tokens.RevokeAllOfUserAsync(user.Id, now, cancellationToken);
            return Unit.Value;
        }
    }
}

internal static class Accounts
{
    /// <summary>The caller's or a named user's account, tracked; 404 when it does not exist.</summary>
    public static async Task<User> LoadAsync(IReadRepository<User> users, int id, CancellationToken cancellationToken) =>
        await users.GetByIdOrThrowAsync(id, cancellationToken);

    /// <summary>Refuses to take away the last admin.</summary>
    public static async Task EnsureNotLastAdminAsync(IReadRepository<User> users, User user, CancellationToken cancellationToken)
    {
        if (user.Role == Roles.Admin && await users.CountAsync(new AdminsSpec(), cancellationToken) <= 1)
            throw new ConflictException("This is the last admin; make another user admin first.");
    }
}
