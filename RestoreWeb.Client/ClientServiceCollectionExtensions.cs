using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RestoreWeb.Client;

/// <summary>Services the client needs, registered the same way in the browser and for server prerendering.</summary>
public static class ClientServiceCollectionExtensions
{
    public static IServiceCollection AddRestoreWebClient(this IServiceCollection services, Uri baseAddress)
    {
        services.AddMudServices();
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        return services;
    }
}
