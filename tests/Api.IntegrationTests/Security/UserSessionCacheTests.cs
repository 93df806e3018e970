using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>
/// The per-user cache in front of the session check: hits, eviction, expiry, a read racing a change, and
/// what other instances are told (a change here) or tell it (a change there, or possibly missed ones).
/// </summary>
public sealed class UserSessionCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPeers _peers = new();
    private int _loads;

    private UserSessionCache Cache(int seconds = 60) => new(_clock, TimeSpan.FromSeconds(seconds), _peers);

    private sealed class RecordingPeers : ICachePeers
    {
        public List<int> Sessions { get; } = [];

        public void CatalogChanged(CatalogChange change) => throw new InvalidOperationException("The session cache tells only of sessions.");

        public void SessionChanged(int userId) => Sessions.Add(userId);
    }

    private Task<UserSession?> Load(string role)
    {
        _loads++;
        return Task.FromResult<UserSession?>(new UserSession(role, 1));
    }

    [Fact]
    public async Task GetAsync_SecondTime_ServesTheCachedSession()
    {
        var cache = Cache();
        await cache.GetAsync(7, () => Load("user"));

        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("user");
        _loads.Should().Be(1);
    }

    [Fact]
    public async Task GetAsync_AfterEvict_LoadsAgain()
    {
        var cache = Cache();
        await cache.GetAsync(7, () => Load("user"));

        cache.Evict(7);
        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("admin");
        _loads.Should().Be(2);
    }

    [Fact]
    public async Task GetAsync_EvictedWhileLoading_DoesNotKeepTheOldValue()
    {
        var cache = Cache();

        // The change lands (and evicts) while this read is still on its way back from the database.
        await cache.GetAsync(7, () =>
        {
            cache.Evict(7);
            return Load("user");
        });
        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("admin");
    }

    [Fact]
    public async Task GetAsync_AfterLifetime_LoadsAgain()
    {
        var cache = Cache(seconds: 60);
        await cache.GetAsync(7, () => Load("user"));

        _clock.Advance(TimeSpan.FromSeconds(61));
        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("admin");
    }

    [Fact]
    public async Task GetAsync_ZeroLifetime_NeverCaches()
    {
        var cache = Cache(seconds: 0);
        await cache.GetAsync(7, () => Load("user"));
        await cache.GetAsync(7, () => Load("user"));

        _loads.Should().Be(2);
    }

    [Fact]
    public async Task GetAsync_MissingUser_IsNotCached()
    {
        var cache = Cache();
        await cache.GetAsync(7, () => { _loads++; return Task.FromResult<UserSession?>(null); });

        var session = await cache.GetAsync(7, () => Load("user"));

        session.Should().NotBeNull("a user created later under that id must be found");
    }

    [Fact]
    public void Evict_ChangeMadeHere_TellsTheOtherInstances()
    {
        var cache = Cache();

        cache.Evict(7);

        _peers.Sessions.Should().Equal(7);
    }

    [Fact]
    public async Task EvictHere_ChangeMadeElsewhere_LoadsAgainWithoutTellingAnyone()
    {
        var cache = Cache();
        await cache.GetAsync(7, () => Load("user"));

        cache.EvictHere(7);
        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("admin");
        _peers.Sessions.Should().BeEmpty("the change came from another instance, which told everyone already");
    }

    [Fact]
    public async Task Clear_LoadsEveryUserAgain()
    {
        var cache = Cache();
        await cache.GetAsync(7, () => Load("user"));
        await cache.GetAsync(8, () => Load("user"));

        cache.Clear();
        var seven = await cache.GetAsync(7, () => Load("admin"));
        var eight = await cache.GetAsync(8, () => Load("admin"));

        seven!.Role.Should().Be("admin");
        eight!.Role.Should().Be("admin");
        _loads.Should().Be(4);
    }

    [Fact]
    public async Task GetAsync_ClearedWhileLoading_DoesNotKeepTheOldValue()
    {
        var cache = Cache();

        await cache.GetAsync(7, () =>
        {
            cache.Clear();
            return Load("user");
        });
        var session = await cache.GetAsync(7, () => Load("admin"));

        session!.Role.Should().Be("admin");
    }
}
