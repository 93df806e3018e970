using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Application.UnitTests.Fakes;

/// <summary>The refresh token fake keeps the store's promises, or the rotation tests would prove nothing.</summary>
public sealed class InMemoryRefreshTokenStoreTests
{
    private readonly InMemoryRefreshTokenStore _store = new();

    [Fact]
    public void Seed_TwoTokens_GetConsecutiveIdsAndOnlyTheHashIsStored()
    {
        var first = _store.Seed(1, "secret-one");
        var second = _store.Seed(1, "secret-two");

        first.Id.Should().Be(1);
        second.Id.Should().Be(2);
        _store.Items.Select(t => t.TokenHash).Should().Equal(RefreshSecrets.Hash("secret-one"), RefreshSecrets.Hash("secret-two"));
    }

    [Fact]
    public async Task FindByHashAsync_KnownHash_ReturnsASnapshotThatLaterChangesDoNotTouch()
    {
        var stored = _store.Seed(1, "secret");

        var found = await _store.FindByHashAsync(RefreshSecrets.Hash("secret"), CancellationToken.None);
        await _store.TryConsumeAsync(stored.Id, TestData.Minutes(1), CancellationToken.None);

        found.Should().NotBeNull().And.NotBeSameAs(stored);
        found!.Id.Should().Be(stored.Id);
        found.UsedAt.Should().BeNull();
        stored.UsedAt.Should().Be(TestData.Minutes(1));
    }

    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        _store.Seed(1, "secret");

        (await _store.FindByHashAsync(RefreshSecrets.Hash("other"), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task TryConsumeAsync_SameTokenTwice_SucceedsOnlyOnce()
    {
        var token = _store.Seed(1, "secret");

        var first = await _store.TryConsumeAsync(token.Id, TestData.Minutes(1), CancellationToken.None);
        var second = await _store.TryConsumeAsync(token.Id, TestData.Minutes(2), CancellationToken.None);

        first.Should().BeTrue();
        second.Should().BeFalse();
        _store.Items.Single().UsedAt.Should().Be(TestData.Minutes(1));
    }

    [Fact]
    public async Task TryConsumeAsync_RevokedToken_Fails()
    {
        var token = _store.Seed(1, "secret");
        await _store.RevokeAsync(token.Id, TestData.Minutes(1), CancellationToken.None);

        (await _store.TryConsumeAsync(token.Id, TestData.Minutes(2), CancellationToken.None)).Should().BeFalse();
        _store.Items.Single().UsedAt.Should().BeNull();
    }

    [Fact]
    public async Task RevokeFamilyAsync_TwoFamilies_RevokesOnlyThatFamilyKeepingEarlierRevocations()
    {
        var family = Guid.NewGuid();
        var a = _store.Seed(1, "a", family);
        _store.Seed(1, "b", family);
        _store.Seed(1, "c");
        await _store.RevokeAsync(a.Id, TestData.Minutes(1), CancellationToken.None);

        await _store.RevokeFamilyAsync(family, TestData.Minutes(5), CancellationToken.None);

        _store.Items.Select(t => t.RevokedAt).Should().Equal(TestData.Minutes(1), TestData.Minutes(5), null);
    }

    [Fact]
    public async Task RevokeAllOfUserAsync_TwoUsers_RevokesOnlyThatUsersTokens()
    {
        _store.Seed(1, "a");
        _store.Seed(2, "b");
        _store.Seed(1, "c");

        await _store.RevokeAllOfUserAsync(1, TestData.Minutes(5), CancellationToken.None);

        _store.Items.Select(t => t.RevokedAt).Should().Equal(TestData.Minutes(5), null, TestData.Minutes(5));
    }
}
