using Bunit;
using RestoreWeb.Client.Pages;

namespace RestoreWeb.Client.Tests.Pages;

public sealed class HomeTests
{
    [Fact]
    public async Task Home_explains_the_three_steps()
    {
        await using var ctx = MudTestContext.Create();

        var home = ctx.Render<Home>();

        Assert.Equal(["Upload", "Compare", "Download"], home.FindAll("h6").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Home_invites_signed_out_visitors_to_register_and_sends_signed_in_people_to_their_albums()
    {
        await using var ctx = MudTestContext.Create();

        var home = ctx.Render<Home>();
        Assert.Equal(["register", "sign-in"], home.FindAll("[data-cta]").Select(a => a.GetAttribute("data-cta")));

        ctx.SignIn("ada@example.com");
        home.Render();
        Assert.Equal(["albums"], home.FindAll("[data-cta]").Select(a => a.GetAttribute("data-cta")));
    }
}
