using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MusicPlayer.Domain.Users;
using MusicPlayer.Infrastructure.Persistence;

namespace MusicPlayer.Api.IntegrationTests.Support;

/// <summary>
/// The real app on its own throwaway database (a temporary SQLite file, or a fresh PostgreSQL database
/// when the environment asks for one: see <see cref="TestDatabase"/>), in environment "Testing", with
/// the test signing key. The app migrates the schema itself at start-up; the database goes when the
/// factory is disposed. Starting it seeds one admin and one user account, whom <see cref="Clients"/>
/// mint tokens for.
/// </summary>
public class MusicPlayerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestEnvironment = "Testing";

    public TestDatabase Database { get; } = new();

    /// <summary>The FileSystem store's root (<c>Storage:Root</c>): a temporary folder, deleted with the factory.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "musicplayer-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The seeded admin account.</summary>
    public TestAccount Admin { get; private set; } = null!;

    /// <summary>The seeded account with the user role.</summary>
    public TestAccount User { get; private set; } = null!;

    /// <summary>The host environment the app runs in.</summary>
    protected virtual string Environment => TestEnvironment;

    /// <summary>The <c>Jwt:SigningKey</c> setting; null leaves it unset.</summary>
    protected virtual string? SigningKey => TestTokens.SigningKey;

    /// <summary>
    /// <c>RateLimiting:Auth:PermitLimit</c>: logins, registrations and refreshes per client and minute.
    /// In-memory requests all come from one (unknown) address, so the default is far above what any
    /// test class sends; the rate limiting tests lower it.
    /// </summary>
    protected virtual int AuthPermitLimit => 100_000;

    /// <summary><c>RateLimiting:Lists:PermitLimit</c>: anonymous list requests per client and minute, likewise far above any test class.</summary>
    protected virtual int ListPermitLimit => 100_000;

    /// <summary>
    /// <c>RateLimiting:AccountLogin:PermitLimit</c> and <c>RateLimiting:PasswordChange:PermitLimit</c>: logins per
    /// account and password changes per user and window; as high as <see cref="AuthPermitLimit"/> unless a test lowers it.
    /// </summary>
    protected virtual int AccountPermitLimit => AuthPermitLimit;

    /// <summary><c>RateLimiting:Comments:PermitLimit</c>: comments per user and minute, far above any test class unless a test lowers it.</summary>
    protected virtual int CommentPermitLimit => 100_000;

    /// <summary>
    /// <c>Passwords:BcryptWorkFactor</c>: bcrypt's minimum, so the hundreds of registrations and logins
    /// of the HTTP tests stay fast; null leaves the production default, which
    /// <c>Accounts.PasswordStorageTests</c> runs with and asserts.
    /// </summary>
    protected virtual int? BcryptWorkFactor => 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Database.ProviderName);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Storage:Root", StorageRoot);
        if (SigningKey is not null) builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("RateLimiting:Auth:PermitLimit", AuthPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:Lists:PermitLimit", ListPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:AccountLogin:PermitLimit", AccountPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:PasswordChange:PermitLimit", AccountPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:Comments:PermitLimit", CommentPermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (BcryptWorkFactor is { } workFactor)
            builder.UseSetting("Passwords:BcryptWorkFactor", workFactor.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
    }

    public async Task InitializeAsync()
    {
        Admin = await CreateAccountAsync("admin");
        User = await CreateAccountAsync("user");
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Stores an account with <paramref name="role"/> straight into the app's database (no password:
    /// tests sign in by minting tokens). Starts the app if it is not running yet.
    /// </summary>
    public async Task<TestAccount> CreateAccountAsync(string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var name = Unique.Name(role);
        var user = Domain.Users.User.Create(name, $"{name}@tests.example.com", "Test", "Account", role, "no-password", DateTime.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new TestAccount(user.Id, user.Role, user.SessionVersion);
    }

    /// <summary>Runs <paramref name="change"/> on the stored account and saves it.</summary>
    public async Task ChangeAccountAsync(int userId, Action<User> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        var user = await db.Users.FindAsync(userId) ?? throw new InvalidOperationException($"No user {userId}.");
        change(user);
        await db.SaveChangesAsync();
    }

    public async Task DeleteAccountAsync(int userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicPlayerDbContext>();
        db.Users.Remove(await db.Users.FindAsync(userId) ?? throw new InvalidOperationException($"No user {userId}."));
        await db.SaveChangesAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
            if (Directory.Exists(StorageRoot)) Directory.Delete(StorageRoot, recursive: true);
        }
    }
}

/// <summary>An account in the app's database, and what a token for it must carry.</summary>
public sealed record TestAccount(int Id, string Role, int SessionVersion)
{
    public string Token() => TestTokens.Create(Id, Role, SessionVersion);
}
