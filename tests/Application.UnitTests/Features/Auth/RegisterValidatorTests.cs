using FluentValidation.TestHelper;
using MusicPlayer.Application.Features.Auth;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

/// <summary>The account rules (AccountRules: password, username, email, names), through the register body.</summary>
public sealed class RegisterValidatorTests
{
    private static TestValidationResult<Register.Command> Validate(Register.Command command) =>
        new Register.Validator().TestValidate(command);

    [Fact]
    public void Validate_ValidCommand_HasNoErrors()
    {
        Validate(TestData.Register()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_EverythingMissing_ReportsEveryRequiredField()
    {
        var result = Validate(new Register.Command(null, null, null, null));

        result.ShouldHaveValidationErrorFor(c => c.Username).WithErrorMessage("'username' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("'email' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("'password' is required.");
        result.ShouldHaveValidationErrorFor(c => c.FirstName).WithErrorMessage("'firstName' is required.");
        result.ShouldNotHaveValidationErrorFor(c => c.LastName);
    }

    // Password

    [Theory]
    [InlineData("abcdefg1")]
    [InlineData("1234567a")]
    [InlineData("Пароль12")]
    [InlineData("with spaces 9")]
    public void Validate_PasswordOfEightOrMoreWithLetterAndDigit_HasNoError(string password)
    {
        Validate(TestData.Register(password: password)).ShouldNotHaveValidationErrorFor(c => c.Password);
    }

    [Fact]
    public void Validate_PasswordOfSevenChars_HasLengthError()
    {
        Validate(TestData.Register(password: "abcdef1")).ShouldHaveValidationErrorFor(c => c.Password)
            .WithErrorMessage("'password' must be 8 to 128 characters.").Only();
    }

    [Fact]
    public void Validate_PasswordOf128Chars_HasNoError()
    {
        Validate(TestData.Register(password: TestData.Chars(127) + "1")).ShouldNotHaveValidationErrorFor(c => c.Password);
    }

    [Fact]
    public void Validate_PasswordOf129Chars_HasLengthError()
    {
        Validate(TestData.Register(password: TestData.Chars(128) + "1")).ShouldHaveValidationErrorFor(c => c.Password)
            .WithErrorMessage("'password' must be 8 to 128 characters.").Only();
    }

    [Theory]
    [InlineData("abcdefgh")]
    [InlineData("12345678")]
    [InlineData("!!!!!!!!")]
    [InlineData("--------1")]
    public void Validate_PasswordWithoutALetterOrADigit_HasCompositionError(string password)
    {
        Validate(TestData.Register(password: password)).ShouldHaveValidationErrorFor(c => c.Password)
            .WithErrorMessage("'password' must contain at least one letter and one digit.").Only();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_PasswordMissing_HasRequiredError(string? password)
    {
        Validate(TestData.Register(password: password)).ShouldHaveValidationErrorFor(c => c.Password)
            .WithErrorMessage("'password' is required.");
    }

    // Username

    [Theory]
    [InlineData("bob")]
    [InlineData("alice.liddell")]
    [InlineData("alice_l-99")]
    [InlineData("  alice  ")]
    public void Validate_UsernameOfAllowedCharacters_HasNoError(string username)
    {
        Validate(TestData.Register(username: username)).ShouldNotHaveValidationErrorFor(c => c.Username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_UsernameMissingOrBlank_HasOnlyTheRequiredError(string? username)
    {
        Validate(TestData.Register(username: username)).ShouldHaveValidationErrorFor(c => c.Username)
            .WithErrorMessage("'username' is required.").Only();
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("  ab  ")]
    [InlineData("alice liddell")]
    [InlineData("alice@example.com")]
    [InlineData("alice!")]
    [InlineData("José")]
    [InlineData("r\u043E\u043Etadmin")] // Cyrillic о, a look-alike of "rootadmin"
    [InlineData("\uFF52\uFF4F\uFF4F\uFF54")] // full-width "root"
    [InlineData("adm\u0131n")]          // dotless ı
    [InlineData("a/b/c")]
    public void Validate_UsernameTooShortOrWithOtherCharacters_HasCharacterError(string username)
    {
        Validate(TestData.Register(username: username)).ShouldHaveValidationErrorFor(c => c.Username)
            .WithErrorMessage("'username' must be at least 3 characters of ASCII letters, digits, '.', '_' or '-'.");
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_UsernameLength_LimitIsFifty(int length, bool fails)
    {
        var result = Validate(TestData.Register(username: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(c => c.Username).WithErrorMessage("'username' must be at most 50 characters.");
        else result.ShouldNotHaveValidationErrorFor(c => c.Username);
    }

    // Email

    [Theory]
    [InlineData("a@b.c")]
    [InlineData("alice.liddell+music@mail.example.com")]
    [InlineData("  alice@example.com  ")]
    public void Validate_EmailAddress_HasNoError(string email)
    {
        Validate(TestData.Register(email: email)).ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice.example.com")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@example")]
    [InlineData("alice@@example.com")]
    [InlineData("al@ice@example.com")]
    [InlineData("alice smith@example.com")]
    public void Validate_NotAnEmailAddress_HasEmailError(string email)
    {
        Validate(TestData.Register(email: email)).ShouldHaveValidationErrorFor(c => c.Email)
            .WithErrorMessage("'email' must be an email address.").Only();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_EmailMissingOrBlank_HasOnlyTheRequiredError(string? email)
    {
        Validate(TestData.Register(email: email)).ShouldHaveValidationErrorFor(c => c.Email)
            .WithErrorMessage("'email' is required.").Only();
    }

    [Theory]
    [InlineData(254, false)]
    [InlineData(255, true)]
    public void Validate_EmailLength_LimitIs254(int length, bool fails)
    {
        const string domain = "@example.com";
        var result = Validate(TestData.Register(email: TestData.Chars(length - domain.Length) + domain));

        if (fails) result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("'email' must be at most 254 characters.");
        else result.ShouldNotHaveValidationErrorFor(c => c.Email);
    }

    // Names

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Validate_FirstNameMissingOrBlank_HasRequiredError(string? firstName)
    {
        Validate(TestData.Register(firstName: firstName)).ShouldHaveValidationErrorFor(c => c.FirstName)
            .WithErrorMessage("'firstName' is required.");
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_FirstNameLength_LimitIsFifty(int length, bool fails)
    {
        var result = Validate(TestData.Register(firstName: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(c => c.FirstName).WithErrorMessage("'firstName' must be at most 50 characters.");
        else result.ShouldNotHaveValidationErrorFor(c => c.FirstName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("   Liddell   ")]
    public void Validate_LastNameMissingBlankOrPadded_HasNoError(string? lastName)
    {
        Validate(TestData.Register(lastName: lastName)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(51, true)]
    public void Validate_LastNameLength_LimitIsFifty(int length, bool fails)
    {
        var result = Validate(TestData.Register(lastName: TestData.Chars(length)));

        if (fails) result.ShouldHaveValidationErrorFor(c => c.LastName).WithErrorMessage("'lastName' must be at most 50 characters.");
        else result.ShouldNotHaveValidationErrorFor(c => c.LastName);
    }
}
