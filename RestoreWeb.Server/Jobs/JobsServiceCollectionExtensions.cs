using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Accounts;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with its SQLite storage, and (unless RestoreWeb:Jobs:RunWorker is false) a worker on queue "restore".
    /// Storage and job activation are registered per host rather than in Hangfire's static globals, so that several
    /// hosts in one process (as in tests) each keep their own queue and services.
    /// </summary>
    public static WebApplicationBuilder AddRestoreWebJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<JobStorage>(provider =>
        {
            var folders = provider.GetRequiredService<DataFolders>();
            var jobs = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Jobs;
            folders.EnsureCreated(Path.GetDirectoryName(folders.HangfireDatabase)!);
            return new SQLiteStorage(folders.HangfireDatabase, new SQLiteStorageOptions
            {
                QueuePollInterval = jobs.QueuePollInterval,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                JournalMode = SQLiteStorageOptions.JournalModes.WAL,
            });
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var section = builder.Configuration.GetSection($"{RestoreWebOptions.SectionName}:{nameof(RestoreWebOptions.Jobs)}");
        if (section.GetValue(nameof(JobOptions.RunWorker), defaultValue: true))
        {
            services.AddHangfireServer((provider, server) =>
            {
                server.Queues = [JobScheduler.Queue];
                server.WorkerCount = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Jobs.WorkerCount;
            });
        }

        services.AddOptions<ExecutionProviderOptions>().BindConfiguration(ExecutionProviderOptions.SectionName);
        services.AddOptions<PlannerOptions>().BindConfiguration(PlannerOptions.SectionName);
        services.AddSingleton(provider => new ExecutionProviderSelector(provider.GetRequiredService<IOptions<ExecutionProviderOptions>>().Value));
        services.AddSingleton<PipelineCache>();
        services.AddTransient<RestorationJobRunner>();
        services.AddScoped<JobScheduler>();
        services.AddScoped<JobViews>();
        return builder;
    }

    /// <summary>Hangfire's dashboard at /hangfire, for administrators only (members get 403).</summary>
    public static WebApplication MapRestoreWebJobDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Endpoint authorization below decides; Hangfire's own default would allow local requests only.
            Authorization = [],
            DashboardTitle = "RestoreWeb jobs",
            AppPath = "/",
        }).RequireAuthorization(AccountsServiceCollectionExtensions.AdminPolicy);
        return app;
    }
}
