using FluentValidation.TestHelper;
using MusicPlayer.Application.Features.Users;

namespace MusicPlayer.Application.UnitTests.Features.Users;

/// <summary>The validators of the user slices; the shared account rules are covered in depth by RegisterValidatorTests.</summary>
public sealed class UserValidatorTests
{
    // UpdateMe

    [Fact]
    public void UpdateMeValidate_ValidCommand_HasNoErrors()
    {
        new UpdateMe.Validator().TestValidate(new UpdateMe.Command(" bob ", "Bob", null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void UpdateMeValidate_InvalidFields_ReportsEachByName()
    {
        var result = new UpdateMe.Validator().TestValidate(new UpdateMe.Command("b b", " ", TestData.Chars(51)));

        result.ShouldHaveValidationErrorFor(c => c.Username)
            .WithErrorMessage("'username' must be at least 3 characters of ASCII letters, digits, '.', '_' or '-'.");
        result.ShouldHaveValidationErrorFor(c => c.FirstName).WithErrorMessage("'firstName' is required.");
        result.ShouldHaveValidationErrorFor(c => c.LastName).WithErrorMessage("'lastName' must be at most 50 characters.");
    }

    [Fact]
    public void UpdateMeValidate_MissingUsername_HasRequiredError()
    {
        new UpdateMe.Validator().TestValidate(new UpdateMe.Command(null, "Bob"))
            .ShouldHaveValidationErrorFor(c => c.Username).WithErrorMessage("'username' is required.");
    }

    // ChangePassword

    [Fact]
    public void ChangePasswordValidate_ValidCommand_HasNoErrors()
    {
        new ChangePassword.Validator().TestValidate(new ChangePassword.Command("old", "new-passw0rd")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ChangePasswordValidate_MissingCurrentPassword_HasRequiredError(string? current)
    {
        new ChangePassword.Validator().TestValidate(new ChangePassword.Command(current, "new-passw0rd"))
            .ShouldHaveValidationErrorFor(c => c.CurrentPassword).WithErrorMessage("'currentPassword' is required.");
    }

    [Theory]
    [InlineData("short1", "'newPassword' must be 8 to 128 characters.")]
    [InlineData("no-digits-here", "'newPassword' must contain at least one letter and one digit.")]
    [InlineData("123456789", "'newPassword' must contain at least one letter and one digit.")]
    [InlineData(null, "'newPassword' is required.")]
    public void ChangePasswordValidate_NewPasswordBreakingTheRules_HasError(string? next, string message)
    {
        new ChangePassword.Validator().TestValidate(new ChangePassword.Command("old", next))
            .ShouldHaveValidationErrorFor(c => c.NewPassword).WithErrorMessage(message);
    }

    // UpdateUser

    [Fact]
    public void UpdateUserValidate_ValidCommand_HasNoErrors()
    {
        new UpdateUser.Validator().TestValidate(new UpdateUser.Command(2, TestData.UserInput())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void UpdateUserValidate_InvalidFields_ReportsEach()
    {
        var result = new UpdateUser.Validator().TestValidate(
            new UpdateUser.Command(2, TestData.UserInput(username: "ab", email: "not-an-email", firstName: null, lastName: TestData.Chars(51))));

        result.ShouldHaveValidationErrorFor(c => c.User.Username);
        result.ShouldHaveValidationErrorFor(c => c.User.Email).WithErrorMessage("'email' must be an email address.");
        result.ShouldHaveValidationErrorFor(c => c.User.FirstName).WithErrorMessage("'firstName' is required.");
        result.ShouldHaveValidationErrorFor(c => c.User.LastName).WithErrorMessage("'lastName' must be at most 50 characters.");
    }

    [Fact]
    public void UpdateUserValidate_MissingEmail_HasRequiredError()
    {
        new UpdateUser.Validator().TestValidate(new UpdateUser.Command(2, TestData.UserInput(email: "  ")))
            .ShouldHaveValidationErrorFor(c => c.User.Email).WithErrorMessage("'email' is required.");
    }

    // ChangeRole

    [Theory]
    [InlineData("user")]
    [InlineData("admin")]
    public void ChangeRoleValidate_KnownRole_HasNoErrors(string role)
    {
        new ChangeRole.Validator().TestValidate(new ChangeRole.Command(1, role)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("ADMIN")]
    [InlineData(" admin")]
    [InlineData("root")]
    [InlineData("user,admin")]
    public void ChangeRoleValidate_UnknownRole_HasRoleError(string? role)
    {
        new ChangeRole.Validator().TestValidate(new ChangeRole.Command(1, role))
            .ShouldHaveValidationErrorFor(c => c.Role).WithErrorMessage("'role' must be one of: user, admin.");
    }

    // EnsureAdmin

    [Fact]
    public void EnsureAdminValidate_ValidCommand_HasNoErrors()
    {
        new EnsureAdmin.Validator().TestValidate(new EnsureAdmin.Command("admin@example.com", "admin-passw0rd", "admin"))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void EnsureAdminValidate_WeakPasswordBadEmailAndUsername_ReportsEach()
    {
        var result = new EnsureAdmin.Validator().TestValidate(new EnsureAdmin.Command("admin", "password", "a"));

        result.ShouldHaveValidationErrorFor(c => c.Email).WithErrorMessage("'email' must be an email address.");
        result.ShouldHaveValidationErrorFor(c => c.Password).WithErrorMessage("'password' must contain at least one letter and one digit.");
        result.ShouldHaveValidationErrorFor(c => c.Username);
    }

    // ListUsers

    [Fact]
    public void ListUsersValidate_Defaults_HasNoErrors()
    {
        new ListUsers.Validator().TestValidate(new ListUsers.Query()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ListUsersValidate_PageBelowOne_HasPageError(int page)
    {
        new ListUsers.Validator().TestValidate(new ListUsers.Query { Page = page })
            .ShouldHaveValidationErrorFor(q => q.Page).WithErrorMessage("'page' must be 1 or more.").Only();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ListUsersValidate_PageSizeOutOfRange_HasPageSizeError(int pageSize)
    {
        new ListUsers.Validator().TestValidate(new ListUsers.Query { PageSize = pageSize })
            .ShouldHaveValidationErrorFor(q => q.PageSize).WithErrorMessage("'pageSize' must be between 1 and 100.").Only();
    }

    [Theory]
    [InlineData(254, false)]
    [InlineData(255, true)]
    public void ListUsersValidate_QLength_LimitIs254(int length, bool fails)
    {
        var result = new ListUsers.Validator().TestValidate(new ListUsers.Query { Q = TestData.Chars(length) });

        if (fails) result.ShouldHaveValidationErrorFor(q => q.Q).WithErrorMessage("'q' must be at most 254 characters.");
        else result.ShouldNotHaveAnyValidationErrors();
    }
}
