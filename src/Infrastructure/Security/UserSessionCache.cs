using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicPlayer.Application.Common.Caching;
using MusicPlayer.Application.Features.Auth;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// Remembers, per user, what every authenticated request checks (role, session version), so a
/// request does not cost a database read for it. Any change to a user saved on this instance
/// evicts them (see <see cref="EvictOnSave"/>) and tells the <see cref="ICachePeers"/> (other
/// instances on the same database), which evict them too; a per-user generation, and one for the
/// whole cache, make sure a read that raced with an eviction can never put the old values back.
/// Entries also expire after <c>Caching:UserSessionSeconds</c> (default 60).
/// </summary>
public sealed class UserSessionCache(TimeProvider clock, TimeSpan lifetime, ICachePeers? peers = null)
{
    private const int MaxEntries = 100_000;

    private sealed record Entry(long Generation, long Epoch, UserSession Session, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private readonly ConcurrentDictionary<int, long> _generations = new();
    private long _epoch;

    public async Task<UserSession?> GetAsync(int userId, Func<Task<UserSession?>> load)
    {
        var epoch = Interlocked.Read(ref _epoch);
        var generation = _generations.GetValueOrDefault(userId);
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(userId, out var entry) && entry.Generation == generation && entry.Epoch == epoch && entry.Expires > now)
            return entry.Session;

        var session = await load();
        if (session is not null && lifetime > TimeSpan.Zero && _generations.GetValueOrDefault(userId) == generation
            && Interlocked.Read(ref _epoch) == epoch)
        {
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[userId] = new Entry(generation, epoch, session, now + lifetime);
        }

        return session;
    }

    /// <summary>The user changed here: forgets them, and tells the other instances to.</summary>
    public void Evict(int userId)
    {
        EvictHere(userId);
        peers?.SessionChanged(userId);
    }

    /// <summary>The user changed on another instance: forgets them here only.</summary>
    public void EvictHere(int userId)
    {
        _generations.AddOrUpdate(userId, 1, (_, generation) => generation + 1);
        _entries.TryRemove(userId, out _);
    }

    /// <summary>Forgets every user here (changes made elsewhere may have been missed).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
    }

    /// <summary>Evicts every user that a save changed or deleted, once the save has happened.</summary>
    public sealed class EvictOnSave(UserSessionCache cache) : SaveChangesInterceptor
    {
        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Evict(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            Evict(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Evict(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Evict(eventData.Context);
            return ValueTask.FromResult(result);
        }

        // Every user the saving context tracks, before the save (deleted ones are detached after it) and
        // again after it (so a read that started during the commit cannot leave the old values behind).
        // Evicting a tracked but unchanged user costs one database read later, nothing more.
        private void Evict(DbContext? context)
        {
            if (context is null) return;
            foreach (var entry in context.ChangeTracker.Entries<User>()) cache.Evict(entry.Entity.Id);
        }
    }
}
