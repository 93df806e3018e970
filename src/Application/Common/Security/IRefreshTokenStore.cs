using MusicPlayer.Domain.Users;

namespace MusicPlayer.Application.Common.Security;

/// <summary>
/// Refresh tokens, with the updates that must be atomic in the store: consuming a token
/// happens at most once even when two requests present it at the same moment.
/// </summary>
public interface IRefreshTokenStore
{
    Task<RefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task AddAsync(RefreshToken token, CancellationToken cancellationToken);

    /// <summary>Marks the token used if it is still unused and unrevoked; false when someone else got there first.</summary>
    Task<bool> TryConsumeAsync(int tokenId, DateTime now, CancellationToken cancellationToken);

    Task RevokeAsync(int tokenId, DateTime now, CancellationToken cancellationToken);

    Task RevokeFamilyAsync(Guid familyId, DateTime now, CancellationToken cancellationToken);

    /// <summary>True when any token of the login has been revoked: the login has ended, whatever its newest token says.</summary>
    Task<bool> IsFamilyRevokedAsync(Guid familyId, CancellationToken cancellationToken);

    Task RevokeAllOfUserAsync(int userId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The logins (families) of the user that were ended (a token revoked) at or after <paramref name="since"/>:
    /// their access tokens, issued before, may still be within their lifetime and must be refused.
    /// </summary>
    Task<IReadOnlyList<Guid>> EndedLoginsAsync(int userId, DateTime since, CancellationToken cancellationToken);
}
