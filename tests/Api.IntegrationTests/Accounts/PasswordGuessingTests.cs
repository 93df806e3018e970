using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// The app with a password hasher that counts the checks made against each stored hash and makes each
/// take as long as a production bcrypt check roughly does, so parallel requests really overlap. Every
/// request of a burst hashes (a locked account still does the same work), so the hashing gate's queue
/// is sized for the whole burst: these tests are about the lockout, not about shedding load, which the
/// gate's own tests cover; with the default queue (four per processor) a 2-core machine refuses some
/// of the burst with 503.
/// </summary>
public sealed class CountingHasherFactory : MusicPlayerFactory
{
    /// <summary>The most requests a test of this factory sends at once.</summary>
    public const int LargestBurst = 12;

    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(PasswordHashingGate.MaxQueuedKey, LargestBurst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IPasswordHasher));
            services.Remove(real);
            services.AddSingleton<IPasswordHasher>(provider =>
            {
                Hasher.Inner = (IPasswordHasher)real.ImplementationFactory!(provider);
                return Hasher;
            });
        });
    }

    public sealed class CountingHasher : IPasswordHasher
    {
        private readonly ConcurrentDictionary<string, int> _checks = new();

        public IPasswordHasher Inner { get; set; } = null!;

        public int ChecksAgainst(string hash) => _checks.GetValueOrDefault(hash);

        public Task<string> HashAsync(string password, CancellationToken cancellationToken) => Inner.HashAsync(password, cancellationToken);

        public async Task<PasswordCheck> VerifyAsync(string hash, string password, CancellationToken cancellationToken)
        {
            _checks.AddOrUpdate(hash, 1, (_, n) => n + 1);
            await Task.Delay(100, cancellationToken);
            return await Inner.VerifyAsync(hash, password, cancellationToken);
        }
    }
}

/// <summary>
/// Guessing a password, by login or by the current password of a password change, is held to the
/// lockout policy even when the guesses arrive all at once: each attempt is counted before its check,
/// so no more than <see cref="LockoutPolicy.MaxFailedLogins"/> guesses are ever checked before the lock.
/// </summary>
public sealed class PasswordGuessingTests(CountingHasherFactory factory) : IClassFixture<CountingHasherFactory>
{
    private const int Burst = CountingHasherFactory.LargestBurst;

    private async Task<string> StoredHashAsync(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == userId))
            .PasswordHash;
    }

    private Task<HttpResponseMessage> ChangePasswordAsync(string accessToken, string current) =>
        factory.Guarded(accessToken).PostAsJsonAsync(AccountApi.MyPassword, new { currentPassword = current, newPassword = "brand-new-passw0rd" });

    [Fact]
    public async Task Login_TwelveWrongPasswordsAtOnce_ChecksAtMostThePolicysNumberThenLocks()
    {
        var account = await factory.RegisterAsync();
        var hash = await StoredHashAsync(account.Id);

        var responses = await Task.WhenAll(Enumerable.Range(1, Burst).Select(i =>
            factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = $"wrong-password-{i}" })));

        foreach (var response in responses) await response.ShouldBeUnauthorizedAsync();
        factory.Hasher.ChecksAgainst(hash).Should().BeLessThanOrEqualTo(LockoutPolicy.MaxFailedLogins,
            "every guess is counted before it is checked");
        var rightPassword = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password });
        await rightPassword.ShouldBeUnauthorizedAsync();
        factory.Hasher.ChecksAgainst(hash).Should().BeLessThanOrEqualTo(LockoutPolicy.MaxFailedLogins, "a locked account is not checked");
    }

    [Fact]
    public async Task ChangePassword_TwelveWrongCurrentPasswordsAtOnce_ChecksAtMostThePolicysNumberThenLocks()
    {
        var (account, tokens) = await factory.SignUpAsync();
        var hash = await StoredHashAsync(account.Id);
        var checksBefore = factory.Hasher.ChecksAgainst(hash);

        var responses = await Task.WhenAll(Enumerable.Range(1, Burst).Select(i => ChangePasswordAsync(tokens.AccessToken, $"guess-{i}-passw0rd")));

        foreach (var response in responses) await response.ShouldBeValidationProblemAsync("currentPassword");
        (factory.Hasher.ChecksAgainst(hash) - checksBefore).Should().BeLessThanOrEqualTo(LockoutPolicy.MaxFailedLogins);
        var login = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password });
        await login.ShouldBeUnauthorizedAsync();
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPasswordWhileLocked_GetsTheWrongPasswordAnswerAndChangesNothing()
    {
        var (account, tokens) = await factory.SignUpAsync();
        for (var i = 1; i <= LockoutPolicy.MaxFailedLogins; i++)
            await (await ChangePasswordAsync(tokens.AccessToken, $"guess-{i}-passw0rd")).ShouldBeValidationProblemAsync("currentPassword");
        var wrong = await (await ChangePasswordAsync(tokens.AccessToken, "guess-x-passw0rd")).ShouldBeValidationProblemAsync("currentPassword");
        var hash = await StoredHashAsync(account.Id);

        var locked = await (await ChangePasswordAsync(tokens.AccessToken, account.Password)).ShouldBeValidationProblemAsync("currentPassword");

        locked.WithoutTraceId().Should().Be(wrong.WithoutTraceId(), "a locked account answers exactly like a wrong password");
        (await StoredHashAsync(account.Id)).Should().Be(hash, "nothing changed");
        await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Me)).ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswords_LockTheLoginToo()
    {
        var (account, tokens) = await factory.SignUpAsync();

        for (var i = 1; i <= LockoutPolicy.MaxFailedLogins; i++)
            await (await ChangePasswordAsync(tokens.AccessToken, $"guess-{i}-passw0rd")).ShouldBeValidationProblemAsync("currentPassword");

        var login = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = account.Email, password = account.Password });
        await login.ShouldBeUnauthorizedAsync();
        var problem = await login.Content.ReadFromJsonAsync<JsonElement>();
        problem.Str("detail").Should().Be("Invalid email or password.");
    }
}
