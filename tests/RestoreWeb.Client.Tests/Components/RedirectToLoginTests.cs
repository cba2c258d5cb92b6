using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RestoreWeb.Client.Components;

namespace RestoreWeb.Client.Tests.Components;

public sealed class RedirectToLoginTests
{
    [Fact]
    public async Task Sends_a_signed_out_visitor_to_sign_in_and_remembers_where_they_were_going()
    {
        await using var ctx = MudTestContext.Create();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("albums/5?tab=2");

        ctx.Render<RedirectToLogin>();

        Assert.Equal("http://localhost/login?returnUrl=%2Falbums%2F5%3Ftab%3D2", navigation.Uri);
    }
}
