using Microsoft.Extensions.Configuration;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;

namespace MusicPlayer.Infrastructure.Security;

/// <summary>
/// The service's <see cref="IPasswordHasher"/>: <see cref="PasswordHasher"/> behind a global limit on
/// concurrent hashes (login, register, password change, the configured admin). At most
/// <c>Passwords:MaxConcurrentHashes</c> (default: the processor count) run at once; up to
/// <c>Passwords:MaxQueuedHashes</c> more (default four per slot) wait, each for at most
/// <c>Passwords:HashQueueTimeoutMs</c> (default 2000); anything beyond is refused at once with
/// <see cref="TooBusyException"/> (503 with Retry-After). A flood of password requests therefore costs
/// a bounded amount of CPU and memory and is answered quickly, instead of piling up behind the CPU.
/// </summary>
public sealed class PasswordHashingGate : IPasswordHasher
{
    public const string MaxConcurrentKey = "Passwords:MaxConcurrentHashes";
    public const string MaxQueuedKey = "Passwords:MaxQueuedHashes";
    public const string QueueTimeoutKey = "Passwords:HashQueueTimeoutMs";
    public const int DefaultQueueTimeoutMs = 2000;

    /// <summary>What a refused client is told to wait: about the time a full queue takes to drain.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly PasswordHasher _hasher;
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private readonly TimeSpan _queueTimeout;
    private int _queued;

    /// <summary>Hashing slots free right now (for tests that must know the gate is full).</summary>
    internal int FreeSlots => _slots.CurrentCount;

    /// <summary>Checks waiting for a slot right now (for tests that must know the queue is full).</summary>
    internal int Queued => Volatile.Read(ref _queued);

    public PasswordHashingGate(PasswordHasher hasher, int maxConcurrent, int maxQueued, TimeSpan queueTimeout)
    {
        if (maxConcurrent < 1) throw new InvalidOperationException($"{MaxConcurrentKey} must be at least 1; it is {maxConcurrent}.");
        if (maxQueued < 0) throw new InvalidOperationException($"{MaxQueuedKey} must not be negative; it is {maxQueued}.");
        if (queueTimeout < TimeSpan.Zero) throw new InvalidOperationException($"{QueueTimeoutKey} must not be negative.");
        _hasher = hasher;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxQueued = maxQueued;
        _queueTimeout = queueTimeout;
        MaxConcurrent = maxConcurrent;
    }

    public static PasswordHashingGate From(PasswordHasher hasher, IConfiguration configuration)
    {
        var maxConcurrent = configuration.GetValue(MaxConcurrentKey, Environment.ProcessorCount);
        return new PasswordHashingGate(hasher, maxConcurrent,
            configuration.GetValue(MaxQueuedKey, 4 * maxConcurrent),
            TimeSpan.FromMilliseconds(configuration.GetValue(QueueTimeoutKey, DefaultQueueTimeoutMs)));
    }

    public int MaxConcurrent { get; }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.Hash(password), cancellationToken);

    public Task<PasswordCheck> VerifyAsync(string hash, string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.Verify(hash, password), cancellationToken);

    /// <summary>Runs <paramref name="hashing"/> in a slot (internal so tests can hold a slot as long as they need).</summary>
    internal async Task<T> RunAsync<T>(Func<T> hashing, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0)) await WaitForSlotAsync(cancellationToken);
        try
        {
            return hashing();
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw new TooBusyException(RetryAfter);
        }

        try
        {
            if (!await _slots.WaitAsync(_queueTimeout, cancellationToken)) throw new TooBusyException(RetryAfter);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }
}
