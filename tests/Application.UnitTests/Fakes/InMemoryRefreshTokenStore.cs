using System.Reflection;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>
/// Refresh tokens in a list, with the store's semantics: ids are assigned on add, a lookup returns
/// a detached snapshot (as the real store reads without tracking), a token is consumed at most once,
/// and a revocation never overwrites an earlier one.
/// </summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private static readonly PropertyInfo IdProperty = typeof(Entity).GetProperty(nameof(Entity.Id))!;
    private static readonly PropertyInfo UsedAtProperty = typeof(RefreshToken).GetProperty(nameof(RefreshToken.UsedAt))!;
    private static readonly MethodInfo CloneMethod =
        typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private readonly List<RefreshToken> _tokens = [];
    private int _lastId;

    /// <summary>What the store holds.</summary>
    public IReadOnlyList<RefreshToken> Items => _tokens;

    /// <summary>The stored token whose hash is that of <paramref name="secret"/>, or null.</summary>
    public RefreshToken? BySecret(string secret) => _tokens.SingleOrDefault(t => t.TokenHash == RefreshSecrets.Hash(secret));

    /// <summary>Stores a token for a known secret, as if a login had issued it.</summary>
    public RefreshToken Seed(int userId, string secret, Guid? familyId = null, DateTime? createdAt = null, TimeSpan? lifetime = null,
        int sessionVersion = 1)
    {
        var token = RefreshToken.Issue(userId, familyId ?? Guid.NewGuid(), sessionVersion, RefreshSecrets.Hash(secret),
            createdAt ?? TestData.Now, lifetime ?? FakeTokenService.DefaultRefreshTokenLifetime);
        Store(token);
        return token;
    }

    public Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = _tokens.FirstOrDefault(t => t.TokenHash == tokenHash);
        return Task.FromResult(token is null ? null : (RefreshToken)CloneMethod.Invoke(token, null)!);
    }

    public Task AddAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        Store(token);
        return Task.CompletedTask;
    }

    public Task<bool> TryConsumeAsync(int tokenId, DateTime now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = _tokens.FirstOrDefault(t => t.Id == tokenId && t.UsedAt == null && t.RevokedAt == null);
        if (token is null) return Task.FromResult(false);
        UsedAtProperty.SetValue(token, now);
        return Task.FromResult(true);
    }

    public Task RevokeAsync(int tokenId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(t => t.Id == tokenId, now, cancellationToken);

    public Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(t => t.FamilyId == familyId, now, cancellationToken);

    public Task<bool> IsFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.Any(t => t.FamilyId == familyId && t.RevokedAt != null));
    }

    public Task RevokeAllOfUserAsync(int userId, DateTime now, CancellationToken cancellationToken) =>
        Revoke(t => t.UserId == userId, now, cancellationToken);

    public Task<IReadOnlyList<Guid>> EndedLoginsAsync(int userId, DateTime since, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<Guid>>(
            _tokens.Where(t => t.UserId == userId && t.RevokedAt >= since).Select(t => t.FamilyId).Distinct().ToList());
    }

    private Task Revoke(Func<RefreshToken, bool> which, DateTime now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var token in _tokens.Where(which)) token.Revoke(now);
        return Task.CompletedTask;
    }

    private void Store(RefreshToken token)
    {
        if (token.Id != 0) throw new InvalidOperationException("The store assigns refresh token ids.");
        if (_tokens.Any(t => t.TokenHash == token.TokenHash))
            throw new InvalidOperationException("A refresh token with this hash is already stored.");
        IdProperty.SetValue(token, ++_lastId);
        _tokens.Add(token);
    }
}
