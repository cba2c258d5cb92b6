using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
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
    /// Hangfire with its storage in the configured database (SQLite: its own file; PostgreSQL: schema "hangfire" of
    /// the application database) and, in a process with the worker role, a worker on queue "restore".
    /// Storage and job activation are registered per host rather than in Hangfire's static globals, so that several
    /// hosts in one process (as in tests) each keep their own queue and services.
    /// </summary>
    public static WebApplicationBuilder AddRestoreWebJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<JobStorage>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value;
            return options.Database.Provider == DatabaseProvider.Postgres
                ? PostgresStorage(options.Database.ConnectionString!, options.Jobs)
                : SqliteStorage(provider.GetRequiredService<DataFolders>(), options.Jobs);
        });
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (RunsWorker(builder.Configuration))
        {
            services.AddHangfireServer((provider, server) =>
            {
                var jobs = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Jobs;
                server.Queues = [JobScheduler.Queue];
                server.WorkerCount = jobs.WorkerCount;
                server.ServerTimeout = jobs.ServerTimeout;
                server.HeartbeatInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, jobs.ServerTimeout.Ticks / 4));
                server.ServerCheckInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, jobs.ServerTimeout.Ticks / 2));
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

    /// <summary>The role decides; RunWorker=false also turns the worker off in a process with both roles.</summary>
    public static bool RunsWorker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var role = ProcessRoles.Of(configuration);
        if (!role.HasFlag(RestoreWebRoles.Worker))
        {
            return false;
        }
        var section = configuration.GetSection($"{RestoreWebOptions.SectionName}:{nameof(RestoreWebOptions.Jobs)}");
        return role == RestoreWebRoles.Worker || section.GetValue(nameof(JobOptions.RunWorker), defaultValue: true);
    }

    private static SQLiteStorage SqliteStorage(DataFolders folders, JobOptions jobs)
    {
        folders.EnsureCreated(Path.GetDirectoryName(folders.HangfireDatabase)!);
        return new SQLiteStorage(folders.HangfireDatabase, new SQLiteStorageOptions
        {
            QueuePollInterval = jobs.QueuePollInterval,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            JournalMode = SQLiteStorageOptions.JournalModes.WAL,
        });
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, JobOptions jobs)
    {
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = jobs.QueuePollInterval,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            // A live worker keeps pushing its fetched job's timeout forward, so a short timeout only cuts the wait
            // for a dead worker's job instead of also handing a long restoration to a second worker.
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
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
