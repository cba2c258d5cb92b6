using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RestoreWeb.Client.Tests;

internal static class MudTestContext
{
    /// <summary>A bUnit context with MudBlazor's services, rendering as the named Blazor renderer would.</summary>
    public static BunitContext Create(string renderer = "WebAssembly")
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Renderer.SetRendererInfo(new RendererInfo(renderer, isInteractive: renderer != "Static"));
        return ctx;
    }
}
