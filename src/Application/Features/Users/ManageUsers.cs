using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Application.Features.Likes;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Features.Users;

/// <summary>Pages through users, by username; <c>q</c> matches username or email (contains, any case). Admins only.</summary>
public static class ListUsers
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Query : IRequest<PagedResult<UserDto>>, IPagedQuery
    {
        public int Page { get; init; } = PagingLimits.DefaultPage;
        public int PageSize { get; init; } = PagingLimits.DefaultPageSize;

        /// <summary>Username or email contains this, case-insensitive.</summary>
        public string? Q { get; init; }
    }

    public sealed class Validator : RequestValidator<Query>
    {
        public Validator()
        {
            this.PagingRules();
            RuleFor(q => q.Q).OptionalText(User.EmailMaxLength);
        }
    }

    public sealed class Spec : Specification<User, UserDto>
    {
        public Spec(Query query) : base(UserDto.Projection)
        {
            if (Text.Clean(query.Q) is { } q)
            {
                var folded = User.Normalize(q);
                Where(u => u.NormalizedUsername.Contains(folded) || u.NormalizedEmail.Contains(folded));
            }
            OrderBy(u => u.NormalizedUsername);
            OrderBy(u => u.Id);
            Page(query.Page, query.PageSize);
        }
    }

    internal sealed class Handler(IReadRepository<User> users) : IRequestHandler<Query, PagedResult<UserDto>>
    {
        public Task<PagedResult<UserDto>> Handle(Query request, CancellationToken cancellationToken) =>
            users.PageAsync(new Spec(request), request, cancellationToken);
    }
}

/// <summary>A user's profile: everything for the user themself and admins, the public part for others.</summary>
public static class GetUser
{
    [Authorize]
    public sealed record Query(int Id) : IRequest<UserProfileDto>;

    internal sealed class Handler(IReadRepository<User> users, ICurrentUser currentUser) : IRequestHandler<Query, UserProfileDto>
    {
        public async Task<UserProfileDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FirstOrThrowAsync(new UserDtoSpec(request.Id), request.Id, cancellationToken);
            var full = user.Id == currentUser.UserId || currentUser.IsInRole(Roles.Admin);
            return new UserProfileDto
            {
                Id = user.Id,
                Username = user.Username,
                FirstName = user.FirstName,
                LastName = user.LastName,
                CreatedAt = user.CreatedAt,
                Email = full ? user.Email : null,
                Role = full ? user.Role : null,
                UpdatedAt = full ? user.UpdatedAt : null,
            };
        }
    }
}

/// <summary>Changes any user's username, email and names. Admins only.</summary>
public static class UpdateUser
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, UserInput User) : IRequest<UserDto>;

    public sealed record UserInput(string? Username, string? Email, string? FirstName, string? LastName = null);

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() => RuleFor(c => c.User).NotNull().SetValidator(new UserInputValidator());
    }

    public sealed class UserInputValidator : RequestValidator<UserInput>
    {
        public UserInputValidator()
        {
            RuleFor(u => u.Username).Username();
            RuleFor(u => u.Email).Email();
            this.ProfileRules(u => u.FirstName, u => u.LastName);
        }
    }

    internal sealed class Handler(IRepository<User> users, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public async Task<UserDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var input = request.User;
            var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
            await UniqueAccount.EnsureAsync(users, input.Username, input.Email, user.Id, cancellationToken);
            user.SetProfile(input.Username, input.Email, input.FirstName, input.LastName, clock.GetUtcNow().UtcDateTime);
            await users.SaveChangesAsync(cancellationToken);
            return UserDto.From(user);
        }
    }
}

/// <summary>Makes a user an admin or a plain user; the last admin cannot be demoted. Admins only.</summary>
public static class ChangeRole
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id, string? Role) : IRequest<UserDto>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Role).Must(r => r is not null && Roles.All.Contains(r))
                .WithMessage($"'role' must be one of: {string.Join(", ", Roles.All)}.");
    }

    internal sealed class Handler(IRepository<User> users, IAdminChangeLock adminLock, TimeProvider clock) : IRequestHandler<Command, UserDto>
    {
        public Task<UserDto> Handle(Command request, CancellationToken cancellationToken) =>
            adminLock.RunAsync(request.Id, async () =>
            {
                var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
                if (user.Role == request.Role) return UserDto.From(user);
                await Accounts.EnsureNotLastAdminAsync(users, user, cancellationToken);
                user.SetRole(request.Role!, clock.GetUtcNow().UtcDateTime);
                await users.SaveChangesAsync(cancellationToken);
                return UserDto.From(user);
            }, cancellationToken);
    }
}

/// <summary>Deletes a user with their likes and tokens; the last admin cannot be deleted. Admins only.</summary>
public static class DeleteUser
{
    [Authorize(Roles = Roles.Admin)]
    public sealed record Command(int Id) : IRequest<Unit>, IChangesCatalog;

    internal sealed class Handler(IRepository<User> users, ILikeStore likes, IAdminChangeLock adminLock) : IRequestHandler<Command, Unit>
    {
        public Task<Unit> Handle(Command request, CancellationToken cancellationToken) =>
            adminLock.RunAsync(request.Id, async () =>
            {
                var user = await Accounts.LoadAsync(users, request.Id, cancellationToken);
                await Accounts.EnsureNotLastAdminAsync(users, user, cancellationToken);
                // The database would drop the like rows with the user, but not the songs' counts.
                await likes.RemoveAllOfUserAsync(user.Id, cancellationToken);
                users.Remove(user);
                await users.SaveChangesAsync(cancellationToken);
                return Unit.Value;
            }, cancellationToken);
    }
}

/// <summary>
/// Makes sure the configured admin account exists with the configured password and the admin
/// role: created when missing, promoted and given the password when present (which, like any
/// password change, ends the account's sessions). Idempotent; run at start-up.
/// </summary>
public static class EnsureAdmin
{
    public sealed record Command(string? Email, string? Password, string? Username) : IRequest<Unit>;

    public sealed class Validator : RequestValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Email();
            RuleFor(c => c.Password).Password();
            RuleFor(c => c.Username).Username();
        }
    }

    internal sealed class Handler(IRepository<User> users, IRefreshTokenStore tokens, IPasswordHasher hasher, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await users.FirstOrDefaultAsync(new UserByEmailSpec(request.Email!), cancellationToken);
            var passwordReset = false;
            if (user is null)
            {
                await UniqueAccount.EnsureAsync(users, request.Username, request.Email, 0, cancellationToken);
                users.Add(User.Create(request.Username, request.Email, "Admin", null, Roles.Admin, hasher.Hash(request.Password!), now));
            }
            else
            {
                if (user.Role != Roles.Admin) user.SetRole(Roles.Admin, now);
                if (hasher.Verify(user.PasswordHash, request.Password!) == PasswordCheck.Failed)
                {
                    user.ChangePassword(hasher.Hash(request.Password!), now);
                    passwordReset = true;
                }
            }

            await users.SaveChangesAsync(cancellationToken);
            // A surviving refresh token would mint access tokens of the new session version (now as an admin).
            if (passwordReset) await tokens.RevokeAllOfUserAsync(user!.Id, now, cancellationToken);
            return Unit.Value;
        }
    }
}
