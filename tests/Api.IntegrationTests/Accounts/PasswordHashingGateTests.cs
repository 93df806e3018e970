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

    [Fact]
    public async Task Gate_WithAQueue_LetsTheQueuedWaitAndRefusesBeyondIt()
    {
        var gate = new PasswordHashingGate(new PasswordHasher(workFactor: 12), maxConcurrent: 1, maxQueued: 1, queueTimeout: TimeSpan.FromSeconds(30));

        async Task<string> HashAsync()
        {
            try
            {
                await gate.HashAsync("correct-horse-42", CancellationToken.None);
                return "hashed";
            }
            catch (TooBusyException e)
            {
                e.RetryAfter.Should().BePositive();
                return "busy";
            }
        }

        // One hashing, one queued behind it (each step waited for, so the order is certain), then one more.
        var running = Task.Run(HashAsync);
        SpinWait.SpinUntil(() => gate.FreeSlots == 0, TimeSpan.FromSeconds(10)).Should().BeTrue();
        var queued = Task.Run(HashAsync);
        SpinWait.SpinUntil(() => gate.Queued == 1, TimeSpan.FromSeconds(10)).Should().BeTrue();
        var beyond = await HashAsync();

        beyond.Should().Be("busy", "a third does not fit one running and one queued");
        (await running).Should().Be("hashed");
        (await queued).Should().Be("hashed", "the queued one waits for the slot and finishes");
    }

    [Fact]
    public async Task Gate_QueueWaitedTooLong_IsTooBusy()
    {
        var hasher = new PasswordHasher(workFactor: 12);
        var hash = hasher.Hash("correct-horse-42");
        var gate = new PasswordHashingGate(hasher, maxConcurrent: 1, maxQueued: 4, queueTimeout: TimeSpan.FromMilliseconds(1));

        async Task<string> CheckAsync()
        {
            try
            {
                await gate.VerifyAsync(hash, "correct-horse-42", CancellationToken.None);
                return "checked";
            }
            catch (TooBusyException)
            {
                return "busy";
            }
        }

        // The first check holds the only slot (a work-factor-12 hash takes a good part of a second);
        // the second arrives while it does, so it waits 1 ms in the queue and is turned away.
        var first = Task.Run(CheckAsync);
        SpinWait.SpinUntil(() => gate.FreeSlots == 0, TimeSpan.FromSeconds(10)).Should().BeTrue("the first check takes the slot");
        var second = await CheckAsync();

        second.Should().Be("busy");
        (await first).Should().Be("checked");
    }
}
