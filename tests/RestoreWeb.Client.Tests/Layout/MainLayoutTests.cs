using Bunit;
using RestoreWeb.Client.Layout;

namespace RestoreWeb.Client.Tests.Layout;

public sealed class MainLayoutTests
{
    [Fact]
    public async Task Theme_button_switches_between_dark_and_light()
    {
        await using var ctx = MudTestContext.Create();

        var layout = ctx.Render<MainLayout>();
        string Theme() => layout.Find(".mud-layout").GetAttribute("data-theme") ?? "";
        Assert.Equal("light", Theme());

        layout.Find("button[aria-label='Toggle dark theme']").Click();
        Assert.Equal("dark", Theme());

        layout.Find("button[aria-label='Toggle dark theme']").Click();
        Assert.Equal("light", Theme());
    }

    [Theory]
    [InlineData("WebAssembly", 1)]
    [InlineData("Static", 0)]
    public async Task Marks_the_page_only_when_the_WebAssembly_renderer_runs_it(string renderer, int markers)
    {
        await using var ctx = MudTestContext.Create(renderer);

        var layout = ctx.Render<MainLayout>();

        Assert.Equal(markers, layout.FindAll("#wasm-ready").Count);
    }

    [Fact]
    public async Task Signed_out_visitors_are_offered_sign_in_and_registration()
    {
        await using var ctx = MudTestContext.Create();

        var layout = ctx.Render<MainLayout>();

        Assert.Equal("login", layout.Find("[data-nav='sign-in']").GetAttribute("href"));
        Assert.Equal("register", layout.Find("[data-nav='register']").GetAttribute("href"));
        Assert.Empty(layout.FindAll("[data-nav='albums']"));
    }

    [Fact]
    public async Task Signed_in_people_see_their_albums_link_and_e_mail()
    {
        await using var ctx = MudTestContext.Create();
        ctx.SignIn("ada@example.com");

        var layout = ctx.Render<MainLayout>();

        Assert.Equal("albums", layout.Find("[data-nav='albums']").GetAttribute("href"));
        Assert.Equal("ada@example.com", layout.Find("[data-account-email]").TextContent.Trim());
        Assert.Empty(layout.FindAll("[data-nav='sign-in']"));
    }
}
