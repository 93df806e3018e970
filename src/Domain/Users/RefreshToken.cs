using MusicPlayer.Domain.Common;

namespace MusicPlayer.Domain.Users;

/// <summary>
/// One refresh token, stored only as a hash. Tokens descended from one login share a family;
/// each is used at most once (rotation), and presenting a used one revokes the family.
/// </summary>
public sealed class RefreshToken : Entity
{
    private RefreshToken() { }

    public int UserId { get; private set; }
    /// <summary>The login this token belongs to; access tokens of the login carry it too (claim <c>lid</c>).</summary>
    public Guid FamilyId { get; private set; }

    /// <summary>The user's session version when the token was issued: after a password change it no longer matches.</summary>
    public int SessionVersion { get; private set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public static RefreshToken Issue(int userId, Guid familyId, int sessionVersion, string tokenHash, DateTime now, TimeSpan lifetime) =>
        new()
        {
            UserId = userId, FamilyId = familyId, SessionVersion = sessionVersion, TokenHash = tokenHash, CreatedAt = now,
            ExpiresAt = now + lifetime,
        };

    /// <summary>Issued in the user's current session: false once a password change has moved the user on.</summary>
    public bool BelongsToSession(int sessionVersion) => SessionVersion == sessionVersion;

    /// <summary>Used or revoked: presenting it again is a reuse, which ends its family.</summary>
    public bool IsSpent => UsedAt is not null || RevokedAt is not null;

    /// <summary>Neither spent nor expired: it may be traded for a new pair.</summary>
    public bool IsActive(DateTime now) => !IsSpent && ExpiresAt > now;

    /// <summary>Revokes the token; an earlier revocation stands (the store's UPDATE does the same in SQL).</summary>
    public void Revoke(DateTime now) => RevokedAt ??= now;
}
