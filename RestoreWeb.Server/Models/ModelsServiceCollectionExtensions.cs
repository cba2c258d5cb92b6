namespace RestoreWeb.Server.Models;

public static class ModelsServiceCollectionExtensions
{
    public static IServiceCollection AddRestoreWebModels(this IServiceCollection services)
    {
        services.AddScoped<IModelRegistry, ModelRegistry>();
        services.AddScoped<ModelAliasMoves>();
        services.AddScoped<ModelViews>();
        services.AddScoped<DefaultModelInstaller>();
        services.AddSingleton<ModelValidator>();
        services.AddSingleton(_ => ValidationSet.LoadEmbedded());
        services.AddSingleton<ModelComparer>();
        services.AddSingleton<DefaultModelStatus>();
        services.AddSingleton<ImportFolderWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportFolderWatcher>());
        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
        return services;
    }
}
