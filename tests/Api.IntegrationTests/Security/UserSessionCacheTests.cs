using Microsoft.Extensions.Time.Testing;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The per-user cache in front of the session check: hits, eviction, expiry, and a read racing a change.</summary>
public sealed class UserSessionCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private int _loads;

    private UserSessionCache Cache(int seconds = 60) => new(_clock, TimeSpan.FromSeconds(seconds));

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
}
