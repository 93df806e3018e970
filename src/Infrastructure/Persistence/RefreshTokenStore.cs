using Microsoft.EntityFrameworkCore;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Infrastructure.Persistence;

/// <summary>
/// Refresh tokens in EF Core; the state changes are single UPDATE statements, so they are atomic. A revocation
/// evicts the users it touched from the session cache, so the ended login's access tokens fail on this
/// instance at once (the session check reads the ended logins with the user's session).
/// </summary>
internal sealed class RefreshTokenStore(MusicPlayerDbContext context, UserSessionCache sessions) : IRefreshTokenStore
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

    public async Task<IReadOnlyList<Guid>> EndedLoginsAsync(int userId, DateTime since, CancellationToken cancellationToken) =>
        await Tokens.Where(t => t.UserId == userId && t.RevokedAt >= since).Select(t => t.FamilyId).Distinct().ToListAsync(cancellationToken);

    public Task<bool> IsFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken) =>
        Tokens.AnyAsync(t => t.FamilyId == familyId && t.RevokedAt != null, cancellationToken);

    public Task RevokeAllOfUserAsync(int userId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(Tokens.Where(t => t.UserId == userId), now, cancellationToken);

    private async Task Revoke(IQueryable<RefreshToken> tokens, DateTime now, CancellationToken cancellationToken)
    {
        var users = await tokens.Select(t => t.UserId).Distinct().ToListAsync(cancellationToken);
        await tokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        // After the UPDATE (in a transaction, Transactions evicts once more after the commit).
        foreach (var user in users) sessions.Evict(user);
    }
}
