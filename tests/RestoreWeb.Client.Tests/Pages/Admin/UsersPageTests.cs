using System.Net;
using System.Text.Json;
using Bunit;
using MudBlazor;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Admin;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

public sealed class UsersPageTests
{
    private const string UsersPath = "/api/admin/users";
    private const string TokensPath = "/api/admin/tokens";

    private static readonly AdminUserDto Me = AdminDtos.User(AdminTestContext.AdminId, AdminTestContext.AdminEmail, admin: true);

    private static readonly AdminUserDto Ada = AdminDtos.User("u-ada", "ada@example.com");

    private static readonly AdminUserDto Bob = AdminDtos.User("u-bob", "bob@example.com", disabled: true, quota: 500L * 1024 * 1024);

    private static FakeApi Api(params ApiTokenDto[] tokens) => new FakeApi()
        .OnGet(UsersPath, new[] { Me, Ada, Bob })
        .OnGet(TokensPath, tokens);

    private static IRenderedComponent<DialogHost> RenderLoaded(BunitContext ctx)
    {
        var page = ctx.Render<DialogHost>(p => p.AddChildContent<UsersPage>());
        page.WaitForElement("[data-user-table]");
        page.WaitForElement("[data-no-tokens], [data-token-table]");
        return page;
    }

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static string? Checked(IRenderedComponent<DialogHost> page, string toggle, string userId) =>
        page.Find($"input[data-user-{toggle}='{userId}']").GetAttribute("aria-checked");

    [Fact]
    public async Task Lists_accounts_with_roles_state_quota_usage_and_photos()
    {
        await using var ctx = AdminTestContext.Create(Api());

        var page = RenderLoaded(ctx);

        Assert.Equal(["root@example.com (you)", "ada@example.com", "bob@example.com"],
            page.FindAll("[data-user-email]").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal("true", Checked(page, "admin", Me.Id));
        Assert.Equal("false", Checked(page, "admin", Ada.Id));
        Assert.Equal("true", Checked(page, "disabled", Bob.Id));
        Assert.Equal("default (1 GB)", page.Find($"[data-user-quota='{Ada.Id}']").TextContent.Trim());
        Assert.Equal("500 MB", page.Find($"[data-user-quota='{Bob.Id}']").TextContent.Trim());
        Assert.Equal("256 MB (25 %)", page.Find($"[data-user-used='{Ada.Id}']").TextContent.Trim());
        Assert.Equal("42", page.Find($"[data-user-photos='{Ada.Id}']").TextContent.Trim());

        // Nobody takes their own administration away or locks themselves out here.
        Assert.True(page.Find($"input[data-user-admin='{Me.Id}']").HasAttribute("disabled"));
        Assert.True(page.Find($"input[data-user-disabled='{Me.Id}']").HasAttribute("disabled"));
        Assert.False(page.Find($"input[data-user-admin='{Ada.Id}']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Making_someone_an_administrator_patches_only_that_and_shows_the_answer()
    {
        var api = Api().On(HttpMethod.Patch, $"{UsersPath}/{Ada.Id}", _ => FakeApi.Json(Ada with { Roles = [RoleNames.Member, RoleNames.Admin] }));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find($"input[data-user-admin='{Ada.Id}']").Change(true);

        page.WaitForAssertion(() => Assert.Equal("true", Checked(page, "admin", Ada.Id)));
        var patch = Assert.Single(api.RequestsTo(HttpMethod.Patch, $"{UsersPath}/{Ada.Id}"));
        var body = BodyOf(patch);
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("disabled").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("uploadQuotaBytes").ValueKind);
        Assert.False(body.GetProperty("clearUploadQuota").GetBoolean());
        Assert.Contains("ada@example.com is now an administrator.", ctx.Snackbars(Severity.Success));
    }

    [Fact]
    public async Task Enabling_an_account_patches_disabled_false()
    {
        var api = Api().On(HttpMethod.Patch, $"{UsersPath}/{Bob.Id}", _ => FakeApi.Json(Bob with { Disabled = false }));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find($"input[data-user-disabled='{Bob.Id}']").Change(false);

        page.WaitForAssertion(() => Assert.Equal("false", Checked(page, "disabled", Bob.Id)));
        var body = BodyOf(Assert.Single(api.RequestsTo(HttpMethod.Patch, $"{UsersPath}/{Bob.Id}")));
        Assert.False(body.GetProperty("disabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("isAdmin").ValueKind);
    }

    [Fact]
    public async Task A_refused_change_shows_the_servers_reason_and_the_switch_goes_back()
    {
        var api = Api().On(HttpMethod.Patch, $"{UsersPath}/{Ada.Id}", _ => FakeApi.Problem(HttpStatusCode.BadRequest, "At least one administrator must remain."));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find($"input[data-user-disabled='{Ada.Id}']").Change(true);

        page.WaitForAssertion(() => Assert.Contains("At least one administrator must remain.", ctx.Snackbars(Severity.Error)));
        page.WaitForAssertion(() => Assert.Equal("false", Checked(page, "disabled", Ada.Id)));
    }

    [Fact]
    public async Task The_quota_is_set_in_megabytes_or_returned_to_the_default()
    {
        var api = Api()
            .On(HttpMethod.Patch, $"{UsersPath}/{Ada.Id}", _ => FakeApi.Json(Ada with { UploadQuotaBytes = 300L * 1024 * 1024, EffectiveQuotaBytes = 300L * 1024 * 1024 }))
            .On(HttpMethod.Patch, $"{UsersPath}/{Bob.Id}", _ => FakeApi.Json(Bob with { UploadQuotaBytes = null, EffectiveQuotaBytes = 1024L * 1024 * 1024 }));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find($"[data-user-edit-quota='{Ada.Id}']").Click();
        page.WaitForElement(".mud-dialog input[data-testid='quota-default']").Change(false);
        page.WaitForElement(".mud-dialog input[data-testid='quota-input']").Input("300");
        page.Find(".mud-dialog [data-testid='confirm-button']").Click();

        page.WaitForAssertion(() => Assert.Equal("300 MB", page.Find($"[data-user-quota='{Ada.Id}']").TextContent.Trim()));
        var ada = BodyOf(Assert.Single(api.RequestsTo(HttpMethod.Patch, $"{UsersPath}/{Ada.Id}")));
        Assert.Equal(300L * 1024 * 1024, ada.GetProperty("uploadQuotaBytes").GetInt64());
        Assert.False(ada.GetProperty("clearUploadQuota").GetBoolean());

        page.Find($"[data-user-edit-quota='{Bob.Id}']").Click();
        page.WaitForElement(".mud-dialog input[data-testid='quota-default']").Change(true);
        page.Find(".mud-dialog [data-testid='confirm-button']").Click();

        page.WaitForAssertion(() => Assert.Equal("default (1 GB)", page.Find($"[data-user-quota='{Bob.Id}']").TextContent.Trim()));
        var bob = BodyOf(Assert.Single(api.RequestsTo(HttpMethod.Patch, $"{UsersPath}/{Bob.Id}")));
        Assert.True(bob.GetProperty("clearUploadQuota").GetBoolean());
        Assert.Equal(JsonValueKind.Null, bob.GetProperty("uploadQuotaBytes").ValueKind);
    }

    [Fact]
    public async Task Lists_api_tokens_with_when_they_were_last_used()
    {
        var used = new ApiTokenDto(Guid.NewGuid(), "training box", Dtos.T0, Dtos.T0.AddDays(1));
        var unused = new ApiTokenDto(Guid.NewGuid(), "laptop", Dtos.T0, null);
        await using var ctx = AdminTestContext.Create(Api(used, unused));

        var page = RenderLoaded(ctx);

        Assert.Equal(["training box", "laptop"], page.FindAll("[data-token]").Select(t => t.TextContent.Trim()));
        Assert.Contains("never", page.Find($"[data-testid='revoke-token-{unused.Id}']").ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_token_is_shown_once_with_the_register_command_and_then_only_its_name_remains()
    {
        var created = new CreatedTokenDto(Guid.NewGuid(), "training box", "rw_secret_123456", Dtos.T0);
        var api = Api().On(HttpMethod.Post, TokensPath, _ => FakeApi.Json(created, HttpStatusCode.Created));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find("[data-testid='create-token']").Click();
        page.WaitForAssertion(() => Assert.Contains("Name the token", page.Find("[data-api-tokens]").TextContent, StringComparison.Ordinal));
        Assert.Empty(api.RequestsTo(HttpMethod.Post, TokensPath));

        page.Find("input[data-testid='token-name']").Input(" training box ");
        page.Find("[data-testid='create-token']").Click();

        page.WaitForAssertion(() => Assert.Equal("rw_secret_123456", page.Find("[data-testid='created-token']").TextContent.Trim()));
        Assert.Equal("training box", BodyOf(Assert.Single(api.RequestsTo(HttpMethod.Post, TokensPath))).GetProperty("name").GetString());
        Assert.Equal("dotnet run --project RestoreWeb.Training -- register --server http://localhost --token rw_secret_123456 <package.zip>",
            page.Find("[data-register-command]").TextContent.Trim());
        Assert.Equal(["training box"], page.FindAll("[data-token]").Select(t => t.TextContent.Trim()));

        page.Find("[data-testid='copy-token']").Click();
        Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && Equals(i.Arguments[0], "rw_secret_123456"));

        page.Find("[data-testid='token-done']").Click();

        Assert.Empty(page.FindAll("[data-testid='created-token']"));
        Assert.DoesNotContain("rw_secret_123456", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["training box"], page.FindAll("[data-token]").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public async Task Revoking_a_token_asks_first_and_deletes_it()
    {
        var token = new ApiTokenDto(Guid.NewGuid(), "old laptop", Dtos.T0, null);
        var api = Api(token).On(HttpMethod.Delete, $"{TokensPath}/{token.Id}", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var ctx = AdminTestContext.Create(api);
        var page = RenderLoaded(ctx);

        page.Find($"[data-testid='revoke-token-{token.Id}']").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Revoke").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-token]")));
        Assert.Single(api.RequestsTo(HttpMethod.Delete, $"{TokensPath}/{token.Id}"));
        Assert.NotNull(page.Find("[data-no-tokens]"));
    }
}
