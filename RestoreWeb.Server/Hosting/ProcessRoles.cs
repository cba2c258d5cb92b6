namespace RestoreWeb.Server.Hosting;

/// <summary>
/// The role of this process (RestoreWeb:Role, or <c>--role web|worker|web,worker</c> on the command line). Scale-out
/// runs any number of web processes behind a load balancer and any number of workers; all state is in the shared
/// database and blob store, so any web process answers for any user and any worker takes any job.
/// </summary>
public static class ProcessRoles
{
    /// <summary>The command-line switch, short for RestoreWeb:Role.</summary>
    public const string Switch = "role";

    private const string RoleKey = $"{RestoreWebOptions.SectionName}:{nameof(RestoreWebOptions.Role)}";

    /// <summary>Read while building: the role decides what is registered (the Hangfire server).</summary>
    public static RestoreWebRoles Of(IConfiguration configuration) =>
        configuration.GetValue(RoleKey, RestoreWebRoles.All);

    /// <summary>Makes <c>--role worker</c> mean RestoreWeb:Role=Worker, above every other source.</summary>
    public static void MapCommandLineSwitch(ConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Switch] is { Length: > 0 } role)
        {
            configuration.AddInMemoryCollection([new(RoleKey, role)]);
        }
    }

    /// <summary>
    /// A process without the web role still listens, but answers only /health (its liveness and readiness, for an
    /// orchestrator or a test) and the metrics path (its jobs' metrics are recorded there), so a worker that ends up
    /// behind the load balancer by mistake serves nobody's pages.
    /// </summary>
    public static WebApplication UseRoleGate(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Of(app.Configuration).HasFlag(RestoreWebRoles.Web))
        {
            return app;
        }
        string? metrics = app.Configuration.GetValue($"{RestoreWebOptions.SectionName}:Telemetry:PrometheusPath", "/metrics");
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                || (!string.IsNullOrEmpty(metrics) && path.StartsWithSegments(metrics, StringComparison.OrdinalIgnoreCase)))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }
}
