using MusicPlayer.Application.Common.Paging;
using MusicPlayer.Application.Common.Persistence;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Application.Common.Validation;
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
        public Spec(Query query)
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
