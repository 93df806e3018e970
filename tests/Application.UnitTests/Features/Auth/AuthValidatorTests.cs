using FluentValidation.TestHelper;
using MusicPlayer.Application.Features.Auth;

namespace MusicPlayer.Application.UnitTests.Features.Auth;

/// <summary>Login, refresh and logout bodies.</summary>
public sealed class AuthValidatorTests
{
    [Fact]
    public void LoginValidate_EmailAndPassword_HasNoErrors()
    {
        new Login.Validator().TestValidate(new Login.Command("alice@example.com", "x")).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void LoginValidate_AnyNonEmptyPassword_HasNoErrorBecauseTheRulesAreForNewPasswords()
    {
        // An old account may predate today's password rules; login must still let it in.
        new Login.Validator().TestValidate(new Login.Command("alice@example.com", "short")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void LoginValidate_MissingFields_HasRequiredErrors(string? email, string? password)
    {
        var result = new Login.Validator().TestValidate(new Login.Command(email, password));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("'email' is required.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("'password' is required.");
    }

    [Fact]
    public void LoginValidate_EmailOver254Chars_HasLengthError()
    {
        new Login.Validator().TestValidate(new Login.Command(TestData.Chars(243) + "@example.com", "x"))
            .ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("'email' must be at most 254 characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void RefreshValidate_MissingToken_HasRequiredError(string? token)
    {
        new Refresh.Validator().TestValidate(new Refresh.Command(token))
            .ShouldHaveValidationErrorFor(c => c.RefreshToken).WithErrorMessage("'refreshToken' is required.");
    }

    [Fact]
    public void RefreshValidate_Token_HasNoErrors()
    {
        new Refresh.Validator().TestValidate(new Refresh.Command("abc")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void LogoutValidate_MissingToken_HasRequiredError(string? token)
    {
        new Logout.Validator().TestValidate(new Logout.Command(token))
            .ShouldHaveValidationErrorFor(c => c.RefreshToken).WithErrorMessage("'refreshToken' is required.");
    }

    [Fact]
    public void LogoutValidate_Token_HasNoErrors()
    {
        new Logout.Validator().TestValidate(new Logout.Command("abc")).ShouldNotHaveAnyValidationErrors();
    }
}
