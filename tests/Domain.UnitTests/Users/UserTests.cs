using MusicPlayer.Domain.Common;
using MusicPlayer.Domain.Users;

namespace MusicPlayer.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static User Create(
        string? username = "alice",
        string? email = "alice@example.com",
        string? firstName = "Alice",
        string? lastName = "Liddell",
        string role = "user",
        string passwordHash = "hash-1") =>
        User.Create(username, email, firstName, lastName, role, passwordHash, TestData.Now);

    // Creation and profile

    [Fact]
    public void Create_ValidFields_SetsEveryFieldAndAFreshSignInState()
    {
        var user = Create();

        user.Username.Should().Be("alice");
        user.Email.Should().Be("alice@example.com");
        user.FirstName.Should().Be("Alice");
        user.LastName.Should().Be("Liddell");
        user.Role.Should().Be("user");
        user.PasswordHash.Should().Be("hash-1");
        user.SessionVersion.Should().Be(1);
        user.FailedLoginCount.Should().Be(0);
        user.LockedUntil.Should().BeNull();
        user.IsLockedOut(TestData.Now).Should().BeFalse();
        user.CreatedAt.Should().Be(TestData.Now);
        user.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void Create_PaddedText_IsTrimmedAndNormalized()
    {
        var user = Create(username: "  Ålice.L ", email: " Alice@Example.COM ", firstName: " Alice ", lastName: " Liddell ");

        user.Username.Should().Be("Ålice.L");
        user.Email.Should().Be("Alice@Example.COM");
        user.FirstName.Should().Be("Alice");
        user.LastName.Should().Be("Liddell");
        user.NormalizedUsername.Should().Be("ÅLICE.L");
        user.NormalizedEmail.Should().Be("ALICE@EXAMPLE.COM");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_BlankLastName_IsStoredAsNull(string? lastName)
    {
        Create(lastName: lastName).LastName.Should().BeNull();
    }

    [Theory]
    [InlineData(null, "alice@example.com", "Alice", "username")]
    [InlineData(" ", "alice@example.com", "Alice", "username")]
    [InlineData("alice", null, "Alice", "email")]
    [InlineData("alice", "", "Alice", "email")]
    [InlineData("alice", "alice@example.com", null, "firstName")]
    [InlineData("alice", "alice@example.com", "\t", "firstName")]
    public void Create_MissingRequiredField_ThrowsDomainExceptionForIt(string? username, string? email, string? firstName, string field)
    {
        var act = () => Create(username: username, email: email, firstName: firstName);

        act.Should().Throw<DomainException>().Where(e => e.Field == field).WithMessage($"'{field}' is required.");
    }

    [Fact]
    public void Create_FieldsAtTheirLimits_AreAccepted()
    {
        var email = TestData.Chars(254 - "@example.com".Length) + "@example.com";

        var user = Create(username: TestData.Chars(50), email: email, firstName: TestData.Chars(50), lastName: TestData.Chars(50));

        user.Username.Should().HaveLength(50);
        user.Email.Should().HaveLength(254);
        user.FirstName.Should().HaveLength(50);
        user.LastName.Should().HaveLength(50);
    }

    [Theory]
    [InlineData("username", 51)]
    [InlineData("email", 255)]
    [InlineData("firstName", 51)]
    [InlineData("lastName", 51)]
    public void Create_FieldOverItsLimit_ThrowsDomainExceptionForIt(string field, int length)
    {
        var value = TestData.Chars(length);

        var act = () => field switch
        {
            "username" => Create(username: value),
            "email" => Create(email: value),
            "firstName" => Create(firstName: value),
            _ => Create(lastName: value),
        };

        act.Should().Throw<DomainException>().Where(e => e.Field == field)
            .WithMessage($"'{field}' must be at most {length - 1} characters.");
    }

    [Theory]
    [InlineData("alice", "ALICE")]
    [InlineData("  Alice@Example.com ", "ALICE@EXAMPLE.COM")]
    [InlineData("josé", "JOSÉ")]
    public void Normalize_AnyCaseAndPadding_GivesTheTrimmedUpperCaseForm(string value, string expected)
    {
        User.Normalize(value).Should().Be(expected);
    }

    [Fact]
    public void SetProfile_NewValues_ReplacesProfileAndNormalizedColumnsKeepingTheRest()
    {
        var user = Create();
        var later = TestData.Now.AddHours(1);

        user.SetProfile(" bob ", " Bob@Example.org", "Bob", null, later);

        user.Username.Should().Be("bob");
        user.NormalizedUsername.Should().Be("BOB");
        user.Email.Should().Be("Bob@Example.org");
        user.NormalizedEmail.Should().Be("BOB@EXAMPLE.ORG");
        user.FirstName.Should().Be("Bob");
        user.LastName.Should().BeNull();
        user.UpdatedAt.Should().Be(later);
        user.CreatedAt.Should().Be(TestData.Now);
        user.Role.Should().Be("user");
        user.PasswordHash.Should().Be("hash-1");
        user.SessionVersion.Should().Be(1);
    }

    [Fact]
    public void SetProfile_OneInvalidValue_ThrowsAndLeavesTheWholeProfileAsItWas()
    {
        var user = Create();

        var act = () => user.SetProfile("bob", "  ", "Bob", null, TestData.Now.AddHours(1));

        act.Should().Throw<DomainException>().Where(e => e.Field == "email");
        user.Username.Should().Be("alice");
        user.NormalizedUsername.Should().Be("ALICE");
        user.Email.Should().Be("alice@example.com");
        user.FirstName.Should().Be("Alice");
        user.LastName.Should().Be("Liddell");
        user.UpdatedAt.Should().Be(TestData.Now);
    }

    [Fact]
    public void SetRole_NewRole_SetsItAndUpdatedAt()
    {
        var user = Create();

        user.SetRole("admin", TestData.Now.AddMinutes(3));

        user.Role.Should().Be("admin");
        user.UpdatedAt.Should().Be(TestData.Now.AddMinutes(3));
        user.SessionVersion.Should().Be(1);
    }

    // Passwords and sessions

    [Fact]
    public void ChangePassword_NewHash_StoresItAndBumpsTheSessionVersion()
    {
        var user = Create();

        user.ChangePassword("hash-2", TestData.Now.AddDays(1));

        user.PasswordHash.Should().Be("hash-2");
        user.SessionVersion.Should().Be(2);
        user.UpdatedAt.Should().Be(TestData.Now.AddDays(1));
    }

    [Fact]
    public void ChangePassword_Twice_BumpsTheSessionVersionEachTime()
    {
        var user = Create();

        user.ChangePassword("hash-2", TestData.Now);
        user.ChangePassword("hash-3", TestData.Now);

        user.SessionVersion.Should().Be(3);
    }

    [Fact]
    public void UpgradePasswordHash_NewHash_KeepsSessionsAndUpdatedAt()
    {
        var user = Create();

        user.UpgradePasswordHash("stronger-hash-1");

        user.PasswordHash.Should().Be("stronger-hash-1");
        user.SessionVersion.Should().Be(1);
        user.UpdatedAt.Should().Be(TestData.Now);
    }

    // Lockout

    private static TimeSpan First => LockoutPolicy.DurationOf(1);

    /// <summary>Makes <paramref name="times"/> attempts at <paramref name="at"/>, each of which must be let through.</summary>
    private static void Attempt(User user, int times, DateTime at)
    {
        for (var i = 0; i < times; i++) user.TryReserveLoginAttempt(at).Should().BeTrue($"attempt {i + 1} at {at:O} finds the account open");
    }

    [Fact]
    public void LockoutPolicy_IsFiveInARowThenOneFiveFifteenAndSixtyMinutes()
    {
        LockoutPolicy.MaxFailedLogins.Should().Be(5);
        LockoutPolicy.Durations.Should().Equal(
            TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60));
        LockoutPolicy.DurationOf(9).Should().Be(TimeSpan.FromMinutes(60), "the last duration is the cap");
        LockoutPolicy.ForgetAfter.Should().Be(TimeSpan.FromHours(24));
    }

    [Fact]
    public void TryReserveLoginAttempt_FourTimes_CountsWithoutLocking()
    {
        var user = Create();

        Attempt(user, 4, TestData.Now);

        user.FailedLoginCount.Should().Be(4);
        user.LockedUntil.Should().BeNull();
        user.IsLockedOut(TestData.Now).Should().BeFalse();
    }

    [Fact]
    public void TryReserveLoginAttempt_FifthTime_LocksForTheFirstDurationFromThenAndRestartsTheCount()
    {
        var user = Create();
        for (var i = 0; i < 4; i++) user.TryReserveLoginAttempt(TestData.Now.AddMinutes(i));

        user.TryReserveLoginAttempt(TestData.Now.AddMinutes(10)).Should().BeTrue("the attempt that locks is itself checked");

        user.LockedUntil.Should().Be(TestData.Now.AddMinutes(10) + First);
        user.FailedLoginCount.Should().Be(0);
        user.LockoutCount.Should().Be(1);
    }

    [Fact]
    public void TryReserveLoginAttempt_WhileLocked_IsRefusedAndCountsNothing()
    {
        var user = Create();
        Attempt(user, 5, TestData.Now);
        var lockedUntil = user.LockedUntil;

        user.TryReserveLoginAttempt(TestData.Now + First - TimeSpan.FromTicks(1)).Should().BeFalse();

        user.FailedLoginCount.Should().Be(0);
        user.LockedUntil.Should().Be(lockedUntil);
    }

    [Fact]
    public void TryReserveLoginAttempt_LockoutsInARow_GrowOneFiveFifteenSixtyAndStayAtSixty()
    {
        var user = Create();
        var now = TestData.Now;
        var durations = new List<TimeSpan>();

        for (var lockout = 0; lockout < 6; lockout++)
        {
            Attempt(user, 5, now);
            durations.Add(user.LockedUntil!.Value - now);
            now = user.LockedUntil.Value;
        }

        durations.Should().Equal(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15),
            TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(60));
        user.LockoutCount.Should().Be(LockoutPolicy.Durations.Count);
    }

    [Fact]
    public void TryReserveLoginAttempt_ADayAfterTheLastLockEnded_StartsAgainAtTheFirstDuration()
    {
        var user = Create();
        Attempt(user, 5, TestData.Now);
        Attempt(user, 5, user.LockedUntil!.Value);
        user.LockoutCount.Should().Be(2);
        var later = user.LockedUntil!.Value + LockoutPolicy.ForgetAfter;

        Attempt(user, 5, later);

        user.LockedUntil.Should().Be(later + First);
        user.LockoutCount.Should().Be(1);
    }

    [Fact]
    public void IsLockedOut_AroundTheEndOfTheLock_EndsExactlyWhenTheFirstDurationHasPassed()
    {
        var user = Create();
        Attempt(user, 5, TestData.Now);

        user.IsLockedOut(TestData.Now).Should().BeTrue();
        user.IsLockedOut(TestData.Now + First - TimeSpan.FromTicks(1)).Should().BeTrue();
        user.IsLockedOut(TestData.Now + First).Should().BeFalse();
        user.IsLockedOut(TestData.Now.AddHours(1)).Should().BeFalse();
    }

    [Fact]
    public void RecordSuccessfulLogin_AfterAttempts_ResetsTheCount()
    {
        var user = Create();
        Attempt(user, 4, TestData.Now);

        user.RecordSuccessfulLogin();
        Attempt(user, 1, TestData.Now);

        user.FailedLoginCount.Should().Be(1);
        user.LockedUntil.Should().BeNull();
    }

    [Fact]
    public void RecordSuccessfulLogin_AfterLocks_ClearsTheLockAndTheProgression()
    {
        var user = Create();
        Attempt(user, 5, TestData.Now);
        Attempt(user, 5, user.LockedUntil!.Value);

        user.RecordSuccessfulLogin();

        user.LockedUntil.Should().BeNull();
        user.FailedLoginCount.Should().Be(0);
        user.LockoutCount.Should().Be(0);
        user.IsLockedOut(TestData.Now).Should().BeFalse();
        Attempt(user, 5, TestData.Now.AddMinutes(30));
        user.LockedUntil.Should().Be(TestData.Now.AddMinutes(30) + First, "after a correct password the next lockout is a first one again");
    }
}
