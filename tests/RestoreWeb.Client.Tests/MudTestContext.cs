using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests;

internal static class MudTestContext
{
    /// <summary>
    /// A bUnit context with MudBlazor's services, the client's API clients over <paramref name="api"/>, a signed-out
    /// user (see <see cref="SignIn"/>), rendering as the named Blazor renderer would. bUnit freezes the services once
    /// the renderer exists, so everything is registered here before it is touched.
    /// </summary>
    public static BunitContext Create(string renderer = "WebAssembly", FakeApi? api = null, TimeProvider? clock = null)
    {
        // Generous: the suite shares two cores with builds and a training run, and a wait only lasts until it passes.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetNotAuthorized();
        ctx.Services.AddSingleton(auth);
        ctx.Services.AddSingleton(ctx.AddBunitPersistentComponentState());
        ctx.AddApi(api ?? new FakeApi(), clock ?? TimeProvider.System);
        ctx.Renderer.SetRendererInfo(new RendererInfo(renderer, isInteractive: renderer != "Static"));
        return ctx;
    }

    public static void SignIn(this BunitContext ctx, string email) =>
        ctx.Services.GetRequiredService<BunitAuthorizationContext>().SetAuthorized(email);
}
