using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using RestoreWeb.Client.Services;

namespace RestoreWeb.Client;

/// <summary>Services the client needs, registered the same way in the browser and for server prerendering.</summary>
public static class ClientServiceCollectionExtensions
{
    public static IServiceCollection AddRestoreWebClient(this IServiceCollection services, Uri baseAddress)
    {
        services.AddMudServices();
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<AccountClient>();
        services.AddScoped<AlbumsClient>();
        services.AddScoped<PhotosClient>();
        services.AddScoped<JobsClient>();
        services.AddScoped<AdminClient>();

        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AccountStateProvider>();
        // Not TryAdd: on the server this replaces the host's provider, and still receives the request's user while
        // prerendering because it implements IHostEnvironmentAuthenticationStateProvider.
        services.AddScoped<AuthenticationStateProvider>(provider => provider.GetRequiredService<AccountStateProvider>());
        return services;
    }
}
