using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Pages.Admin;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

public sealed class AuditPageTests
{
    [Fact]
    public async Task Lists_entries_newest_first_with_who_what_alias_move_and_comment()
    {
        var entries = new[]
        {
            AdminDtos.Audit("rollback", ModelAliasNames.Production, "1.1.0", "1.0.0", "Faces too smooth", id: 3),
            AdminDtos.Audit("promote", ModelAliasNames.Production, "1.0.0", "1.1.0", "Sharper", id: 2),
            AdminDtos.Audit("register", null, null, "1.1.0", "Uploaded", id: 1),
        };
        var api = new FakeApi().OnGet("/api/admin/audit", entries);
        await using var ctx = AdminTestContext.Create(api);

        var page = ctx.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-audit-action]").Count));
        Assert.Equal(["rollback", "promote", "register"], page.FindAll("[data-audit-action]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["production", "production", "—"], page.FindAll("[data-audit-alias]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["1.1.0 → 1.0.0", "1.0.0 → 1.1.0", "→ 1.1.0"], page.FindAll("[data-audit-move]").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Faces too smooth", "Sharper", "Uploaded"], page.FindAll("[data-audit-comment]").Select(a => a.TextContent.Trim()));
        Assert.All(page.FindAll("[data-audit-actor]"), a => Assert.Equal("root@example.com", a.TextContent.Trim()));
        Assert.Equal(entries[0].At.ToLocalTime().ToString("g", System.Globalization.CultureInfo.CurrentCulture), page.Find("[data-audit-at]").TextContent.Trim());
        Assert.Equal("take=200", Assert.Single(api.RequestsTo(HttpMethod.Get, "/api/admin/audit")).Query);
    }

    [Fact]
    public async Task An_empty_log_says_what_will_appear_there()
    {
        await using var ctx = AdminTestContext.Create(new FakeApi().OnGet("/api/admin/audit", Array.Empty<AuditEntryDto>()));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("admin/audit");

        var page = ctx.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Contains("Nothing has happened yet", page.Find("[data-empty-state]").TextContent, StringComparison.Ordinal));
        // The shared link bar marks where the administrator is.
        Assert.Equal("page", page.Find("[data-admin-nav='audit']").GetAttribute("aria-current"));
        Assert.Equal(5, page.FindAll("[data-admin-nav]").Count);
        Assert.Single(page.FindAll("[data-admin-nav][aria-current]"));
    }
}
