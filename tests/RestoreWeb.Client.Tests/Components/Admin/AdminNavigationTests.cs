using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Layout;

namespace RestoreWeb.Client.Tests.Components.Admin;

public sealed class AdminNavigationTests
{
    [Fact]
    public async Task Administrators_find_the_administration_in_the_app_bar_and_the_account_menu()
    {
        await using var ctx = MudTestContext.Create();
        ctx.SignIn("root@example.com");
        ctx.Services.GetRequiredService<BunitAuthorizationContext>().SetRoles(RoleNames.Admin);

        var layout = ctx.Render<MainLayout>();

        Assert.Equal("admin/models", layout.Find("[data-nav='admin']").GetAttribute("href"));
        layout.Find("button[aria-label='Account']").Click();
        Assert.Equal("admin/models", layout.WaitForElement("[data-nav='admin-menu']").GetAttribute("href"));
    }

    [Fact]
    public async Task Members_do_not_see_the_administration()
    {
        await using var ctx = MudTestContext.Create();
        ctx.SignIn("ada@example.com");
        ctx.Services.GetRequiredService<BunitAuthorizationContext>().SetRoles(RoleNames.Member);

        var layout = ctx.Render<MainLayout>();

        Assert.Empty(layout.FindAll("[data-nav='admin']"));
        layout.Find("button[aria-label='Account']").Click();
        layout.WaitForElement("[data-nav='sign-out']");
        Assert.Empty(layout.FindAll("[data-nav='admin-menu']"));
    }
}
