using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Application.Common.Errors;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>The app hashing at the production work factor, one hash at a time and no queue.</summary>
public sealed class OneHashAtATimeFactory : MusicPlayerFactory
{
    protected override int? BcryptWorkFactor => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(PasswordHashingGate.MaxConcurrentKey, "1");
        builder.UseSetting(PasswordHashingGate.MaxQueuedKey, "0");
    }
}

/// <summary>
/// Password hashing is bounded for the whole service: past the limit and its queue a request is a
/// 503 problem with Retry-After at once, never a pile-up behind the CPU, and never a 500.
/// </summary>
public sealed class PasswordHashingGateTests(OneHashAtATimeFactory factory) : IClassFixture<OneHashAtATimeFactory>
{
    [Fact]
    public async Task Register_MoreAtOnceThanTheGateHolds_RefusesTheRestWith503AndRetryAfterAndCreatesNothingForThem()
    {
        var bodies = Enumerable.Range(0, 6).Select(_ => AccountApi.RegisterBody()).ToList();
        // Keep the app's one hashing slot busy while the registrations arrive, so they meet a full gate
        // however the machine schedules them (the slot is free only for a moment between two hashes).
        var gate = (PasswordHashingGate)factory.Services.GetRequiredService<IPasswordHasher>();
        using var stop = new CancellationTokenSource();
        var occupy = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try { await gate.HashAsync("occupying-the-slot-1", CancellationToken.None); }
                catch (TooBusyException) { }
            }
        });
        SpinWait.SpinUntil(() => gate.FreeSlots == 0, TimeSpan.FromSeconds(10)).Should().BeTrue();

        var responses = await Task.WhenAll(bodies.Select(b => factory.Guarded().PostAsJsonAsync(AccountApi.Register, b)));
        await stop.CancelAsync();
        await occupy;

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.ServiceUnavailable);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.Should().NotBeEmpty("one hash at a time with no queue cannot take six at once");
        foreach (var response in refused)
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            problem.Str("title").Should().NotBeNullOrWhiteSpace();
            response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 10);
        }

        // A refused registration stored nothing: the same body goes through once the service is free.
        var retried = bodies[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.ServiceUnavailable)];
        await (await factory.Guarded().PostAsJsonAsync(AccountApi.Register, retried)).ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// Work that holds a gate's slot until the test lets it go, so what the gate does with the requests behind it
    /// does not depend on how long a hash takes on a loaded machine.
    /// </summary>
    private sealed class HeldSlot : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();

        public HeldSlot(PasswordHashingGate gate) =>
            Task = System.Threading.Tasks.Task.Run(() => gate.RunAsync(() =>
            {
                _release.Wait(TimeSpan.FromSeconds(30));
                return "hashed";
            }, CancellationToken.None));

        public Task<string> Task { get; }

        public Task<string> ReleaseAsync()
        {
            _release.Set();
            return Task;
        }

        public void Dispose() => _release.Set();
    }

    private static async Task<string> BusyOrAsync(Func<Task> hashing, string done)
    {
        try
        {
            await hashing();
            return done;
        }
        catch (TooBusyException e)
        {
            e.RetryAfter.Should().BePositive();
            return "busy";
        }
    }

    [Fact]
    public async Task Gate_WithAQueue_LetsTheQueuedWaitAndRefusesBeyondIt()
    {
        var gate = new PasswordHashingGate(new PasswordHasher(workFactor: 4), maxConcurrent: 1, maxQueued: 1, queueTimeout: TimeSpan.FromSeconds(30));
        Task<string> HashAsync() => BusyOrAsync(() => gate.HashAsync("correct-horse-42", CancellationToken.None), "hashed");

        // One holding the slot, one queued behind it (each step waited for, so the order is certain), then one more.
        using var running = new HeldSlot(gate);
        SpinWait.SpinUntil(() => gate.FreeSlots == 0, TimeSpan.FromSeconds(10)).Should().BeTrue();
        var queued = Task.Run(HashAsync);
        SpinWait.SpinUntil(() => gate.Queued == 1, TimeSpan.FromSeconds(10)).Should().BeTrue();
        var beyond = await HashAsync();

        beyond.Should().Be("busy", "a third does not fit one running and one queued");
        queued.IsCompleted.Should().BeFalse("the queued one waits while the slot is held");
        (await running.ReleaseAsync()).Should().Be("hashed");
        (await queued).Should().Be("hashed", "the queued one waits for the slot and finishes");
    }

    [Fact]
    public async Task Gate_QueueWaitedTooLong_IsTooBusy()
    {
        var hasher = new PasswordHasher(workFactor: 4);
        var hash = hasher.Hash("correct-horse-42");
        var gate = new PasswordHashingGate(hasher, maxConcurrent: 1, maxQueued: 4, queueTimeout: TimeSpan.FromMilliseconds(1));

        // The slot is held; a check arriving meanwhile waits 1 ms in the queue and is turned away.
        using var first = new HeldSlot(gate);
        SpinWait.SpinUntil(() => gate.FreeSlots == 0, TimeSpan.FromSeconds(10)).Should().BeTrue("the first takes the slot");
        var second = await BusyOrAsync(() => gate.VerifyAsync(hash, "correct-horse-42", CancellationToken.None), "checked");

        second.Should().Be("busy");
        (await first.ReleaseAsync()).Should().Be("hashed");
        (await BusyOrAsync(() => gate.VerifyAsync(hash, "correct-horse-42", CancellationToken.None), "checked"))
            .Should().Be("checked", "with the slot free again a check goes through");
    }
}
