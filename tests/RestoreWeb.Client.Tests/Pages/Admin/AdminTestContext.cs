using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Client.Services;
using RestoreWeb.Client.Tests.Support;

namespace RestoreWeb.Client.Tests.Pages.Admin;

/// <summary>
/// <see cref="MudTestContext"/> with the admin client added and an administrator signed in. bUnit freezes the services
/// once the renderer exists, and MudTestContext touches the renderer, so the admin client cannot be added afterwards.
/// </summary>
internal static class AdminTestContext
{
    public const string AdminId = "admin-1";
    public const string AdminEmail = "root@example.com";

    public static BunitContext Create(FakeApi api, TimeProvider? clock = null)
    {
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(AdminEmail);
        auth.SetRoles(RoleNames.Admin);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, AdminId));
        ctx.Services.AddSingleton(auth);
        ctx.Services.AddSingleton(ctx.AddBunitPersistentComponentState());
        ctx.AddApi(api, clock ?? TimeProvider.System);
        ctx.Services.AddScoped<AdminClient>();
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("WebAssembly", isInteractive: true));
        return ctx;
    }

    /// <summary>The messages of the snackbars shown so far with <paramref name="severity"/>.</summary>
    public static IReadOnlyList<string> Snackbars(this BunitContext ctx, MudBlazor.Severity severity) =>
        [.. ctx.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Where(s => s.Severity == severity).Select(s => s.Message ?? string.Empty)];
}
