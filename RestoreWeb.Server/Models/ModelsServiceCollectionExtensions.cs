namespace RestoreWeb.Server.Models;

public static class ModelsServiceCollectionExtensions
{
    public static IServiceCollection AddRestoreWebModels(this IServiceCollection services)
    {
        services.AddScoped<IModelRegistry, ModelRegistry>();
        services.AddScoped<DefaultModelInstaller>();
        services.AddSingleton<DefaultModelStatus>();
        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        return services;
    }
}
