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
}
