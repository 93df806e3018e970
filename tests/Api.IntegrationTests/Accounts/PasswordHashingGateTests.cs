using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Errors;
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

        var responses = await Task.WhenAll(bodies.Select(b => factory.Guarded().PostAsJsonAsync(AccountApi.Register, b)));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.ServiceUnavailable);
        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.Created, "the first in gets its hash");
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

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
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
        })));

        outcomes.Count(o => o == "hashed").Should().BeGreaterThanOrEqualTo(2, "the one running and the one queued behind it both finish");
        outcomes.Should().Contain("busy", "six at once do not fit one running and one queued");
    }

    [Fact]
    public async Task Gate_QueueWaitedTooLong_IsTooBusy()
    {
        var hasher = new PasswordHasher(workFactor: 12);
        var hash = hasher.Hash("correct-horse-42");
        var gate = new PasswordHashingGate(hasher, maxConcurrent: 1, maxQueued: 4, queueTimeout: TimeSpan.FromMilliseconds(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
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
        })));

        outcomes.Should().Contain("busy");
    }
}
