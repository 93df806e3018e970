using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicPlayer.Api.IntegrationTests.Support;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>
/// How passwords are stored, read straight from the database of an app running with the production
/// password settings (the other HTTP tests lower bcrypt's cost for speed): bcrypt at the work factor the
/// README promises, and PBKDF2 hashes from before upgraded at the next login.
/// </summary>
public sealed class PasswordStorageTests(PasswordStorageTests.ProductionPasswordsFactory factory)
    : IClassFixture<PasswordStorageTests.ProductionPasswordsFactory>
{
    /// <summary>The README (Accounts and tokens) promises bcrypt at this work factor.</summary>
    private const int PromisedWorkFactor = 12;

    public sealed class ProductionPasswordsFactory : MusicPlayerFactory
    {
        protected override int? BcryptWorkFactor => null;
    }

    private async Task<string> StoredHashAsync(int userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync();
    }

    private static void ShouldBePromisedBcrypt(string hash) =>
        hash.Should().MatchRegex($@"^\$2[ab]\${PromisedWorkFactor}\$[./A-Za-z0-9]{{53}}$", "passwords are stored as bcrypt at work factor {0}", PromisedWorkFactor);

    [Fact]
    public async Task Register_StoresBcryptAtThePromisedWorkFactor()
    {
        var account = await factory.RegisterAsync();

        var hash = await StoredHashAsync(account.Id);

        ShouldBePromisedBcrypt(hash);
        (await factory.LoginAsync(account)).AccessToken.Should().NotBeNullOrEmpty();
        (await StoredHashAsync(account.Id)).Should().Be(hash, "a current hash is not rewritten at login");
    }

    [Fact]
    public async Task Login_WithLegacyPbkdf2Hash_SucceedsAndStoresBcrypt()
    {
        var legacy = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }))
            .HashPassword(new object(), AccountApi.Password);
        legacy.Should().StartWith(AccountApi.HashPrefix);
        var name = Unique.Name("legacy");
        int userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
            var user = User.Create(name, $"{name}@tests.example.com", "Old", "Account", Roles.User, legacy, DateTime.UtcNow);
            db.Users.Add(user);
            await db.SaveChangesAsync();
            userId = user.Id;
        }

        var wrong = await factory.Guarded().PostAsJsonAsync(AccountApi.Login, new { email = $"{name}@tests.example.com", password = "wrong-horse-42" });
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await StoredHashAsync(userId)).Should().Be(legacy, "a failed login changes nothing");

        var tokens = await factory.LoginAsync($"{name}@tests.example.com", AccountApi.Password);

        tokens.AccessToken.Should().NotBeNullOrEmpty();
        var upgraded = await StoredHashAsync(userId);
        ShouldBePromisedBcrypt(upgraded);
        (await factory.LoginAsync($"{name}@tests.example.com", AccountApi.Password)).AccessToken.Should().NotBeNullOrEmpty();
        (await StoredHashAsync(userId)).Should().Be(upgraded, "once upgraded, the hash stays");
    }
}
