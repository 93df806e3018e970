using System.Net;
using System.Net.Http.Json;
using System.Text;
using MusicPlayer.Api.IntegrationTests.Support;

namespace MusicPlayer.Api.IntegrationTests.Accounts;

/// <summary>POST /api/v1/auth/register: 201 with the user, 409 for a taken username or email (any case), 400 per field rule.</summary>
public sealed class RegisterTests(MusicPlayerFactory factory) : IClassFixture<MusicPlayerFactory>
{
    private readonly HttpClient _anonymous = factory.Guarded();

    private Task<HttpResponseMessage> RegisterAsync(Dictionary<string, object?> body) => _anonymous.PostAsJsonAsync(AccountApi.Register, body);

    [Fact]
    public async Task Register_ValidBody_Returns201WithLocationAndUser()
    {
        var body = AccountApi.RegisterBody();
        var before = DateTime.UtcNow.AddSeconds(-1);

        var response = await RegisterAsync(body);

        var user = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        user.Properties().Should().BeEquivalentTo(AccountApi.FullProfile, "the user comes back without any password or hash");
        user.Str("username").Should().Be((string)body["username"]!);
        user.Str("email").Should().Be((string)body["email"]!);
        user.Str("firstName").Should().Be("Ada");
        user.Str("lastName").Should().Be("Lovelace");
        user.Str("role").Should().Be("user");
        user.GetProperty("createdAt").GetDateTime().Should().BeAfter(before).And.BeOnOrBefore(DateTime.UtcNow);
        user.Str("createdAt").Should().EndWith("Z");
        user.Str("updatedAt").Should().Be(user.Str("createdAt"));
        response.Headers.Location.Should().NotBeNull();
        response.Headers.Location!.OriginalString.Should().Be($"{AccountApi.Users}/{user.Id()}");
    }

    [Fact]
    public async Task Register_Location_AnswersWithTheUser()
    {
        var response = await RegisterAsync(AccountApi.RegisterBody());
        var user = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        var tokens = await factory.LoginAsync(user.Str("email"), AccountApi.Password);

        var fetched = await (await factory.Guarded(tokens.AccessToken).GetAsync(response.Headers.Location)).ShouldBeJsonAsync(HttpStatusCode.OK);

        fetched.Fields().Should().BeEquivalentTo(user.Fields());
    }

    [Fact]
    public async Task Register_WithoutLastName_Returns201WithNullLastName()
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b.Remove("lastName")));

        var user = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        user.GetProperty("lastName").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Register_PaddedFields_StoresThemTrimmed()
    {
        var name = Unique.Name("trim");
        var body = AccountApi.RegisterBody(b =>
        {
            b["username"] = $"  {name}\t";
            b["email"] = $" {name}@tests.example.com  ";
            b["firstName"] = "  Grace ";
            b["lastName"] = "   ";
        });

        var user = await (await RegisterAsync(body)).ShouldBeJsonAsync(HttpStatusCode.Created);

        user.Str("username").Should().Be(name);
        user.Str("email").Should().Be($"{name}@tests.example.com");
        user.Str("firstName").Should().Be("Grace");
        user.GetProperty("lastName").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "white space only is missing");
        (await factory.LoginAsync($"{name}@tests.example.com", AccountApi.Password)).UserId.Should().Be(user.Id());
    }

    [Fact]
    public async Task Register_RoleAndIdInBody_AreIgnored()
    {
        var body = AccountApi.RegisterBody(b =>
        {
            b["role"] = "admin";
            b["id"] = 1;
            b["passwordHash"] = "AQAAAAIAAYagAAAAEEEE";
            b["sessionVersion"] = 99;
        });

        var user = await (await RegisterAsync(body)).ShouldBeJsonAsync(HttpStatusCode.Created);

        user.Str("role").Should().Be("user");
        user.Id().Should().NotBe(1);
        var tokens = await factory.LoginAsync(user.Str("email"), AccountApi.Password);
        tokens.Role.Should().Be("user");
        await (await factory.Guarded(tokens.AccessToken).GetAsync(AccountApi.Users)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("same")]
    [InlineData("upper")]
    [InlineData("padded")]
    public async Task Register_UsernameTaken_Returns409(string variant)
    {
        var taken = await factory.RegisterAsync();
        var username = variant switch
        {
            "upper" => taken.Username.ToUpperInvariant(),
            "padded" => $"  {taken.Username} ",
            _ => taken.Username,
        };

        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["username"] = username));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("username");
    }

    [Theory]
    [InlineData("same")]
    [InlineData("upper")]
    [InlineData("mixed")]
    public async Task Register_EmailTaken_Returns409(string variant)
    {
        var taken = await factory.RegisterAsync();
        var email = variant switch
        {
            "upper" => taken.Email.ToUpperInvariant(),
            "mixed" => " " + string.Concat(taken.Email.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)),
            _ => taken.Email,
        };

        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["email"] = email));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("email");
    }

    [Fact]
    public async Task Register_SameAccountManyTimesAtOnce_CreatesOneAnd409sTheRest()
    {
        var body = AccountApi.RegisterBody();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RegisterAsync(body)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string?> InvalidPasswords => new()
    {
        null,
        "",
        "        ",
        "abcdef1",                               // 7 characters
        "abcdefgh",                              // no digit
        "12345678",                              // no letter
        "!!!!????",                              // neither
        new string('a', 128) + "1",             // 129 characters
    };

    [Theory]
    [MemberData(nameof(InvalidPasswords))]
    public async Task Register_InvalidPassword_Returns400ForPassword(string? password)
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["password"] = password));

        await response.ShouldBeValidationProblemAsync("password");
    }

    [Theory]
    [InlineData("abcdefg1")]                     // 8 characters
    [InlineData("1234567é")]                     // a non-ASCII letter counts
    [InlineData("   pass 1  ")]                  // spaces are characters of a password
    public async Task Register_PasswordAtTheRules_Returns201AndLogsIn(string password)
    {
        var account = await factory.RegisterAsync(b => b["password"] = password);

        (await factory.LoginAsync(account.Email, password)).UserId.Should().Be(account.Id);
    }

    [Fact]
    public async Task Register_Password128Characters_Returns201()
    {
        var password = new string('x', 127) + "7";

        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["password"] = password));

        await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static TheoryData<string?> InvalidUsernames => new()
    {
        null,
        "",
        "   ",
        "ab",                                    // 2 characters
        "  ab  ",                                // 2 once trimmed
        new string('u', 51),
        "has space",
        "semi;colon",
        "at@sign",
        "slash/name",
        "<script>",
    };

    [Theory]
    [MemberData(nameof(InvalidUsernames))]
    public async Task Register_InvalidUsername_Returns400ForUsername(string? username)
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["username"] = username));

        await response.ShouldBeValidationProblemAsync("username");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(50)]
    public async Task Register_UsernameAtLengthLimit_Returns201(int length)
    {
        // Three characters leave little room for uniqueness: a fresh prefix per run of this factory is enough.
        var username = length == 3
            ? "z" + Guid.NewGuid().ToString("N")[..2]
            : ("a.b_c-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..length];

        var user = await (await RegisterAsync(AccountApi.RegisterBody(b => b["username"] = username))).ShouldBeJsonAsync(HttpStatusCode.Created);

        user.Str("username").Should().Be(username);
    }

    public static TheoryData<string?> InvalidEmails => new()
    {
        null,
        "",
        "   ",
        "no-at-sign.example.com",
        "@example.com",
        "user@",
        "user@localhost",
        "two@@example.com",
        "a@b@example.com",
        "white space@example.com",
        new string('e', 243) + "@example.com",   // 255 characters
    };

    [Theory]
    [MemberData(nameof(InvalidEmails))]
    public async Task Register_InvalidEmail_Returns400ForEmail(string? email)
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["email"] = email));

        await response.ShouldBeValidationProblemAsync("email");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    [InlineData("51")]
    public async Task Register_InvalidFirstName_Returns400ForFirstName(string? firstName)
    {
        var value = firstName == "51" ? new string('f', 51) : firstName;

        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["firstName"] = value));

        await response.ShouldBeValidationProblemAsync("firstName");
    }

    [Fact]
    public async Task Register_LastNameTooLong_Returns400ForLastName()
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["lastName"] = new string('l', 51)));

        await response.ShouldBeValidationProblemAsync("lastName");
    }

    [Fact]
    public async Task Register_NamesAtLengthLimit_Returns201()
    {
        var body = AccountApi.RegisterBody(b => (b["firstName"], b["lastName"]) = (new string('f', 50), new string('l', 50)));

        var user = await (await RegisterAsync(body)).ShouldBeJsonAsync(HttpStatusCode.Created);

        user.Str("firstName").Should().HaveLength(50);
        user.Str("lastName").Should().HaveLength(50);
    }

    [Fact]
    public async Task Register_EmptyObject_Returns400ForEveryRequiredField()
    {
        var response = await _anonymous.PostAsync(AccountApi.Register, new StringContent("{}", Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("username", "email", "password", "firstName");
    }

    [Fact]
    public async Task Register_WrongTypes_Returns400WithPlainMessages()
    {
        var response = await RegisterAsync(AccountApi.RegisterBody(b => b["password"] = 12345678));

        await response.ShouldBeValidationProblemAsync("password");
    }

    [Fact]
    public async Task Register_InvalidJson_Returns400()
    {
        var response = await _anonymous.PostAsync(AccountApi.Register, new StringContent("{\"username\": ", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Register_FailedRule_CreatesNothing()
    {
        var body = AccountApi.RegisterBody(b => b["password"] = "short1");
        await (await RegisterAsync(body)).ShouldBeValidationProblemAsync("password");

        var retry = await RegisterAsync(AccountApi.RegisterBody(b => (b["username"], b["email"]) = (body["username"], body["email"])));

        await retry.ShouldBeJsonAsync(HttpStatusCode.Created);
    }
}
