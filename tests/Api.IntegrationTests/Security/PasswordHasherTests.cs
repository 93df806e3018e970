using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MusicPlayer.Application.Common.Security;
using MusicPlayer.Infrastructure.Security;

namespace MusicPlayer.Api.IntegrationTests.Security;

/// <summary>The production password hasher: enhanced bcrypt, with PBKDF2 hashes from before still accepted and upgraded.</summary>
public sealed class PasswordHasherTests
{
    // bcrypt's lowest cost keeps these fast; the production cost is asserted on its own below.
    private static readonly PasswordHasher Fast = new(workFactor: 4);

    private static string Pbkdf2(string password, int iterations = PasswordHasher.LegacyPbkdf2Iterations) =>
        new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = iterations })).HashPassword(new object(), password);

    [Fact]
    public void Hash_ThenVerify_SucceedsOnlyForThePassword()
    {
        var hash = Fast.Hash("correct-horse-42");

        Fast.Verify(hash, "correct-horse-42").Should().Be(PasswordCheck.Success);
        Fast.Verify(hash, "correct-horse-43").Should().Be(PasswordCheck.Failed);
        Fast.Verify(hash, "").Should().Be(PasswordCheck.Failed);
        Fast.Hash("correct-horse-42").Should().NotBe(hash, "every hash has its own salt");
    }

    [Fact]
    public void Hash_ProductionDefault_IsBcryptAtWorkFactor12()
    {
        var hasher = PasswordHasher.From(new ConfigurationBuilder().Build());

        var hash = hasher.Hash("correct-horse-42");

        hasher.WorkFactor.Should().Be(12, "the README promises work factor 12");
        hash.Should().MatchRegex(@"^\$2[ab]\$12\$[./A-Za-z0-9]{53}$");
        hasher.Verify(hash, "correct-horse-42").Should().Be(PasswordCheck.Success);
    }

    [Theory]
    [InlineData("Passwords:BcryptWorkFactor", "13", 13)]
    [InlineData("Other:Key", "13", 12)]
    public void From_Configuration_ReadsTheWorkFactor(string key, string value, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        PasswordHasher.From(configuration).WorkFactor.Should().Be(expected);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    public void New_WorkFactorOutsideBcryptsRange_Throws(int workFactor)
    {
        var create = () => new PasswordHasher(workFactor);

        create.Should().Throw<InvalidOperationException>().WithMessage("*Passwords:BcryptWorkFactor*");
    }

    [Theory]
    [InlineData("a")]   // 1 byte per character: 72 characters are 72 bytes
    [InlineData("é")]   // 2 bytes per character in UTF-8
    [InlineData("🎵")]  // 4 bytes per character
    public void Hash_PasswordsLongerThan72Bytes_DifferingOnlyAfterByte72_AreDistinct(string unit)
    {
        var prefix = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(prefix.ToString()) < 72) prefix.Append(unit);
        var first = prefix + "-one-1";
        var second = prefix + "-two-2";

        var hash = Fast.Hash(first);

        Encoding.UTF8.GetByteCount(prefix.ToString()).Should().BeGreaterThanOrEqualTo(72);
        Fast.Verify(hash, first).Should().Be(PasswordCheck.Success);
        Fast.Verify(hash, second).Should().Be(PasswordCheck.Failed, "plain bcrypt would ignore everything after byte 72; the enhanced form must not");
        Fast.Verify(hash, prefix.ToString()).Should().Be(PasswordCheck.Failed);
    }

    [Fact]
    public void Verify_LegacyPbkdf2Hash_SucceedsAndAsksForRehash()
    {
        var legacy = Pbkdf2("correct-horse-42");

        legacy.Should().StartWith("AQAAAA", "this is Identity's PBKDF2 format, as stored before bcrypt");
        Fast.Verify(legacy, "correct-horse-42").Should().Be(PasswordCheck.SuccessRehashNeeded);
        Fast.Verify(legacy, "correct-horse-43").Should().Be(PasswordCheck.Failed);
        Fast.Verify(Pbkdf2("correct-horse-42", iterations: 100_000), "correct-horse-42").Should().Be(PasswordCheck.SuccessRehashNeeded);
    }

    [Fact]
    public void Verify_BcryptHashOfLowerWorkFactor_SucceedsAndAsksForRehash()
    {
        var stronger = new PasswordHasher(workFactor: 6);
        var weak = Fast.Hash("correct-horse-42");
        var strong = stronger.Hash("correct-horse-42");

        stronger.Verify(weak, "correct-horse-42").Should().Be(PasswordCheck.SuccessRehashNeeded);
        stronger.Verify(weak, "correct-horse-43").Should().Be(PasswordCheck.Failed);
        stronger.Verify(strong, "correct-horse-42").Should().Be(PasswordCheck.Success);
        Fast.Verify(strong, "correct-horse-42").Should().Be(PasswordCheck.Success, "a stronger hash than configured is kept");
    }

    [Fact]
    public void Verify_PlainBcryptHash_FailsBecauseOnlyTheEnhancedFormIsWritten()
    {
        var plain = BCrypt.Net.BCrypt.HashPassword("correct-horse-42", 4);

        Fast.Verify(plain, "correct-horse-42").Should().Be(PasswordCheck.Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("no-password")]
    [InlineData("$2a$12$")]
    [InlineData("$2b$12$tooShortToBeAHash")]
    [InlineData("$2a$12$!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("$2a$99$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ012345678")]
    [InlineData("$2a$03$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ012345678")]
    [InlineData("$3a$12$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ012345678")]
    [InlineData("AQAAAAIAAYagAAAAE")]
    [InlineData("AQAAAAIAAYagAAAAEA==")]
    [InlineData("AA==")]
    [InlineData("not base64 at all!")]
    public void Verify_GarbageHash_FailsWithoutThrowing(string hash)
    {
        var verify = () => Fast.Verify(hash, "correct-horse-42");

        verify.Should().NotThrow().Which.Should().Be(PasswordCheck.Failed);
    }
}
