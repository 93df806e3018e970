using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>Refresh tokens in EF Core; the state changes are single UPDATE statements, so they are atomic.</summary>
internal sealed class RefreshTokenStore(MusicPlayerDbContext context) : IRefreshTokenStore
{
    private IQueryable<RefreshToken> Tokens => context.RefreshTokens;

    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public async Task AddAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        context.RefreshTokens.Add(token);
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> TryConsumeAsync(int tokenId, DateTime now, CancellationToken cancellationToken) =>
        await Tokens.Where(t => t.Id == tokenId && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken) == 1;

    public Task RevokeAsync(int tokenId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(Tokens.Where(t => t.Id == tokenId), now, cancellationToken);

    public Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(Tokens.Where(t => t.FamilyId == familyId), now, cancellationToken);

    public Task<bool> IsFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken) =>
        Tokens.AnyAsync(t => t.FamilyId == familyId && t.RevokedAt != null, cancellationToken);

    public Task RevokeAllOfUserAsync(int userId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(Tokens.Where(t => t.UserId == userId), now, cancellationToken);

    private static Task Revoke(IQueryable<RefreshToken> tokens, DateTime now, CancellationToken cancellationToken) =>
        tokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
