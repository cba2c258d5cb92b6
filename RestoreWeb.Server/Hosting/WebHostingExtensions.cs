using RestoreWeb.Client;
using RestoreWeb.Server.Components;
using RestoreWeb.Server.Http;

namespace RestoreWeb.Server.Hosting;

/// <summary>The web role: Blazor host and the middleware pipeline. Program.cs reads as the table of contents.</summary>
public static class WebHostingExtensions
{
    public static WebApplicationBuilder AddRestoreWebWeb(this WebApplicationBuilder builder)
    {
        // The client's static assets (_framework, _content) are resolved from the build output's manifest when
        // one exists, so the built server runs in any environment, not only Development; published output has
        // no manifest and serves its own wwwroot.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();
        builder.Services.AddRestoreWebClient(new Uri("http://localhost/"));
        return builder;
    }

    public static WebApplication UseRestoreWebPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRoleGate();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }
        // APIs answer errors with problem details; pages with the error and not-found pages.
        app.UseWhen(context => ApiPaths.IsApi(context.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !ApiPaths.IsApi(context.Request), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error", createScopeForErrors: true);
            }
            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapRestoreWebUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(ClientServiceCollectionExtensions).Assembly);
        return app;
    }

    /// <summary>Prints where the product can be reached once Kestrel has bound its addresses.</summary>
    public static WebApplication LogListeningAddresses(this WebApplication app)
    {
        var role = ProcessRoles.Of(app.Configuration);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
            {
                Console.WriteLine(role.HasFlag(RestoreWebRoles.Web)
                    ? $"RestoreWeb is ready: open {address} in your browser."
                    : $"RestoreWeb worker is ready: health at {address.TrimEnd('/')}/health.");
            }
        });
        return app;
    }
}
