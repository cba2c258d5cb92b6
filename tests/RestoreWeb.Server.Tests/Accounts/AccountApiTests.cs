using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Tests.Support;

namespace RestoreWeb.Server.Tests.Accounts;

public sealed partial class AccountApiTests(QueueOnlyServerFactory server) : IClassFixture<QueueOnlyServerFactory>
{
    [Fact]
    public async Task Registering_signs_the_new_account_in_as_a_member()
    {
        using var client = server.NewClient();
        string email = ApiClient.NewEmail("new");

        var account = await client.RegisterAsync(email);

        Assert.Equal(email, account.Email);
        Assert.Contains(RoleNames.Member, account.Roles);
        var me = (await client.Http.GetFromJsonAsync<AccountDto>("/api/account/me"))!;
        Assert.Equal(account.Id, me.Id);
    }

    [Fact]
    public async Task Registration_refuses_bad_input_saying_what_to_fix()
    {
        using var client = server.NewClient();
        string taken = ApiClient.NewEmail("taken");
        await client.RegisterAsync(taken);

        using var anonymous = server.NewClient();
        using (var badEmail = await anonymous.Http.PostAsJsonAsync("/api/account/register", new RegisterRequest("not an address", ApiClient.Password)))
        {
            Assert.Equal("Enter a valid e-mail address, like name@example.com.", (await ApiClient.ProblemAsync(badEmail, HttpStatusCode.BadRequest)).Detail);
        }
        using (var shortPassword = await anonymous.Http.PostAsJsonAsync("/api/account/register", new RegisterRequest(ApiClient.NewEmail(), "short")))
        {
            Assert.Contains("at least 8 characters", (await ApiClient.ProblemAsync(shortPassword, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var duplicate = await anonymous.Http.PostAsJsonAsync("/api/account/register", new RegisterRequest(taken, ApiClient.Password)))
        {
            Assert.Contains("already exists", (await ApiClient.ProblemAsync(duplicate, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        }
        using (var notJson = await anonymous.Http.PostAsync(new Uri("/api/account/register", UriKind.Relative), new StringContent("{ \"email\": ", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Contains("Check that the body is JSON", (await ApiClient.ProblemAsync(notJson, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Signing_in_and_out_controls_access_to_the_api()
    {
        string email = ApiClient.NewEmail("login");
        using (var registering = server.NewClient())
        {
            await registering.RegisterAsync(email);
        }
        using var client = server.NewClient();
        using (var anonymous = await client.Http.GetAsync(new Uri("/api/albums", UriKind.Relative)))
        {
            Assert.Equal("Sign in to use this.", (await ApiClient.ProblemAsync(anonymous, HttpStatusCode.Unauthorized)).Detail);
        }
        using (var wrong = await client.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, "not the password")))
        {
            Assert.Contains("e-mail address or the password is not correct", (await ApiClient.ProblemAsync(wrong, HttpStatusCode.Unauthorized)).Detail, StringComparison.Ordinal);
        }
        using (var unknown = await client.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(ApiClient.NewEmail("nobody"), ApiClient.Password)))
        {
            Assert.Contains("e-mail address or the password is not correct", (await ApiClient.ProblemAsync(unknown, HttpStatusCode.Unauthorized)).Detail, StringComparison.Ordinal);
        }

        using (var login = await client.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, ApiClient.Password)))
        {
            Assert.Equal(email, (await ApiClient.ReadAsync<AccountDto>(login, HttpStatusCode.OK)).Email);
        }
        using (var albums = await client.Http.GetAsync(new Uri("/api/albums", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, albums.StatusCode);
        }
        using (var logout = await client.Http.PostAsync(new Uri("/api/account/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        using var after = await client.Http.GetAsync(new Uri("/api/account/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_while()
    {
        string email = ApiClient.NewEmail("locked");
        using var client = server.NewClient();
        await client.RegisterAsync(email);
        using var guesser = server.NewClient();
        for (int i = 0; i < 5; i++)
        {
            using var wrong = await guesser.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, $"guess {i}"));
            Assert.Equal(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, wrong.StatusCode);
        }
        using var right = await guesser.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, ApiClient.Password));
        Assert.Contains("locked for 5 more minute(s)", (await ApiClient.ProblemAsync(right, HttpStatusCode.TooManyRequests)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_link_is_logged_and_sets_a_new_password_once()
    {
        string email = ApiClient.NewEmail("forgetful");
        using (var registering = server.NewClient())
        {
            await registering.RegisterAsync(email);
        }
        using var client = server.NewClient();

        using (var forgot = await client.Http.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest(email)))
        {
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        }
        var link = server.Logs.Lines.Select(line => ResetLink().Match(line)).Single(m => m.Success && Uri.UnescapeDataString(m.Groups["email"].Value) == email);
        Assert.StartsWith("http://localhost/reset-password?", link.Value, StringComparison.Ordinal);
        string token = link.Groups["token"].Value;

        const string NewPassword = "a brand new passphrase";
        using (var reset = await client.Http.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(email, token, NewPassword)))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }
        using (var old = await client.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, ApiClient.Password)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }
        using (var fresh = await client.Http.PostAsJsonAsync("/api/account/login", new LoginRequest(email, NewPassword)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // The token was for the old password: it cannot be used twice, and a damaged one says the same.
        using (var reused = await client.Http.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(email, token, "yet another passphrase")))
        {
            Assert.Contains("not valid or has expired", (await ApiClient.ProblemAsync(reused, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
        using (var damaged = await client.Http.PostAsJsonAsync("/api/account/reset-password", new ResetPasswordRequest(email, "%%%", "yet another passphrase")))
        {
            Assert.Contains("not valid or has expired", (await ApiClient.ProblemAsync(damaged, HttpStatusCode.BadRequest)).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Asking_to_reset_an_unknown_address_answers_the_same_and_logs_no_link()
    {
        using var client = server.NewClient();
        string email = ApiClient.NewEmail("stranger");

        using var forgot = await client.Http.PostAsJsonAsync("/api/account/forgot-password", new ForgotPasswordRequest(email));

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(Uri.EscapeDataString(email), StringComparison.Ordinal));
    }

    [GeneratedRegex(@"http://localhost/reset-password\?email=(?<email>[^&\s]+)&token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ResetLink();
}
