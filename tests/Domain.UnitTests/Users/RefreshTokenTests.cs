using MusicPlayer.Domain.Users;

namespace MusicPlayer.Domain.UnitTests.Users;

public sealed class RefreshTokenTests
{
    private static readonly Guid Family = Guid.NewGuid();

    private static RefreshToken Issue() => RefreshToken.Issue(7, Family, 1, "ABC123", TestData.Now, TimeSpan.FromDays(14));

    /// <summary>Marks the token used as the store does (an UPDATE; the domain has no method for it).</summary>
    private static void MarkUsed(RefreshToken token, DateTime at) =>
        typeof(RefreshToken).GetProperty(nameof(RefreshToken.UsedAt))!.SetValue(token, at);

    [Fact]
    public void Issue_Fields_AreSetWithExpiryAfterTheLifetime()
    {
        var token = Issue();

        token.UserId.Should().Be(7);
        token.FamilyId.Should().Be(Family);
        token.TokenHash.Should().Be("ABC123");
        token.CreatedAt.Should().Be(TestData.Now);
        token.ExpiresAt.Should().Be(TestData.Now.AddDays(14));
        token.UsedAt.Should().BeNull();
        token.RevokedAt.Should().BeNull();
    }

    [Fact]
    public void IsActive_FreshToken_IsActiveUntilItExpires()
    {
        var token = Issue();

        token.IsActive(TestData.Now).Should().BeTrue();
        token.IsActive(TestData.Now.AddDays(14).AddTicks(-1)).Should().BeTrue();
        token.IsActive(TestData.Now.AddDays(14)).Should().BeFalse();
        token.IsActive(TestData.Now.AddDays(15)).Should().BeFalse();
        token.IsSpent.Should().BeFalse("expiring is not spending");
    }

    [Fact]
    public void IsActive_RevokedToken_IsInactive()
    {
        var token = Issue();

        token.Revoke(TestData.Now.AddMinutes(1));

        token.IsActive(TestData.Now.AddMinutes(2)).Should().BeFalse();
        token.IsSpent.Should().BeTrue();
    }

    [Fact]
    public void IsActive_UsedToken_IsInactive()
    {
        var token = Issue();

        MarkUsed(token, TestData.Now.AddMinutes(1));

        token.IsActive(TestData.Now.AddMinutes(2)).Should().BeFalse();
        token.IsSpent.Should().BeTrue();
    }

    [Fact]
    public void Revoke_FirstTime_RecordsTheTime()
    {
        var token = Issue();

        token.Revoke(TestData.Now.AddMinutes(5));

        token.RevokedAt.Should().Be(TestData.Now.AddMinutes(5));
    }

    [Fact]
    public void Revoke_Again_KeepsTheFirstRevocationTime()
    {
        var token = Issue();
        token.Revoke(TestData.Now.AddMinutes(5));

        token.Revoke(TestData.Now.AddMinutes(9));
        token.Revoke(TestData.Now.AddMinutes(1));

        token.RevokedAt.Should().Be(TestData.Now.AddMinutes(5));
    }

    [Fact]
    public void Revoke_UsedToken_StillRecordsTheRevocation()
    {
        var token = Issue();
        MarkUsed(token, TestData.Now.AddMinutes(1));

        token.Revoke(TestData.Now.AddMinutes(2));

        token.RevokedAt.Should().Be(TestData.Now.AddMinutes(2));
        token.UsedAt.Should().Be(TestData.Now.AddMinutes(1));
    }
}
