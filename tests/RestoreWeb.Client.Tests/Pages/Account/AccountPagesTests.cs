using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Account;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Account;

public sealed class AccountPagesTests
{
    private const string WrongCredentials = "The e-mail address or the password is not correct. Check both, or reset your password.";

    private static readonly AccountDto Ada = new("u1", "ada@example.com", [RoleNames.Member]);

    private static string Uri(BunitContext ctx) => ctx.Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task Signing_in_posts_the_credentials_and_returns_to_the_page_that_asked()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/account/login", _ => FakeApi.Json(Ada));
        await using var ctx = MudTestContext.Create(api: api);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("login?returnUrl=%2Falbums%2F42");
        var page = ctx.Render<LoginPage>();

        page.Find("input[data-field='email']").Change(" ada@example.com ");
        page.Find("input[data-field='password']").Change("correct horse battery");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/albums/42", Uri(ctx)));
        var body = JsonDocument.Parse(Assert.Single(api.Requests).Body).RootElement;
        Assert.Equal("ada@example.com", body.GetProperty("email").GetString());
        Assert.Equal("correct horse battery", body.GetProperty("password").GetString());
        var state = await ctx.Services.GetRequiredService<AccountStateProvider>().GetAuthenticationStateAsync();
        Assert.Equal("ada@example.com", state.User.Identity?.Name);
    }

    [Fact]
    public async Task A_refused_sign_in_shows_the_servers_reason_and_stays()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/account/login", _ => FakeApi.Problem(HttpStatusCode.Unauthorized, WrongCredentials));
        await using var ctx = MudTestContext.Create(api: api);
        string before = Uri(ctx);
        var page = ctx.Render<LoginPage>();

        page.Find("input[data-field='email']").Change("ada@example.com");
        page.Find("input[data-field='password']").Change("wrong");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(WrongCredentials, page.Find("[data-error]").TextContent.Trim()));
        Assert.Equal(before, Uri(ctx));
    }

    [Theory]
    [InlineData("/albums/7", "albums/7")]
    [InlineData("/photos/1?x=2", "photos/1?x=2")]
    [InlineData(null, "albums")]
    [InlineData("/", "albums")]
    [InlineData("//evil.example/", "albums")]
    [InlineData("/\\evil.example/", "albums")]
    [InlineData("https://evil.example/", "albums")]
    [InlineData("/login?returnUrl=%2F", "albums")]
    public void Only_local_return_addresses_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalReturnUrl.OrDefault(returnUrl, "albums"));

    [Fact]
    public async Task Registering_checks_the_repeated_password_before_asking_the_server()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/account/register", _ => FakeApi.Json(Ada));
        await using var ctx = MudTestContext.Create(api: api);
        var page = ctx.Render<RegisterPage>();
        page.Find("input[data-field='email']").Change("ada@example.com");
        page.Find("input[data-field='password']").Change("correct horse battery");
        page.Find("input[data-field='confirm']").Change("correct horse batery");

        page.Find("form").Submit();

        Assert.Contains("not the same", page.Find("[data-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(api.Requests);

        page.Find("input[data-field='confirm']").Change("correct horse battery");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("http://localhost/albums", Uri(ctx)));
        Assert.Equal("/api/account/register", Assert.Single(api.Requests).Path);
    }

    [Fact]
    public async Task Forgot_password_always_answers_the_same_way()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/account/forgot-password", _ => new HttpResponseMessage(HttpStatusCode.Accepted));
        await using var ctx = MudTestContext.Create(api: api);
        var page = ctx.Render<ForgotPasswordPage>();

        page.Find("input[data-field='email']").Change("ada@example.com");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("If an account uses ada@example.com", page.Find("[data-sent]").TextContent, StringComparison.Ordinal));
        Assert.Equal("ada@example.com", JsonDocument.Parse(Assert.Single(api.Requests).Body).RootElement.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Resetting_sends_the_token_from_the_link_unchanged()
    {
        var api = new FakeApi().On(HttpMethod.Post, "/api/account/reset-password", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var ctx = MudTestContext.Create(api: api);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("reset-password?email=ada%40example.com&token=Q2ZESjhB-x_y");
        var page = ctx.Render<ResetPasswordPage>();

        page.Find("input[data-field='password']").Change("a much longer passphrase");
        page.Find("input[data-field='confirm']").Change("a much longer passphrase");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-done]")));
        var body = JsonDocument.Parse(Assert.Single(api.Requests).Body).RootElement;
        Assert.Equal("Q2ZESjhB-x_y", body.GetProperty("token").GetString());
        Assert.Equal("a much longer passphrase", body.GetProperty("newPassword").GetString());
    }

    [Fact]
    public async Task A_reset_page_without_the_links_token_says_where_to_get_one()
    {
        await using var ctx = MudTestContext.Create();

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("reset-password?email=ada%40example.com");
        var page = ctx.Render<ResetPasswordPage>();

        Assert.Contains("needs the link from the password reset e-mail", page.Find("[data-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("form"));
    }
}
