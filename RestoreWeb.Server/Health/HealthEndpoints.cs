using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RestoreWeb.Server.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddRestoreWebHealth(this IServiceCollection services)
    {
        // The model check ("model") is added by AddRestoreWebModels; it is Degraded, not Unhealthy, without a model,
        // because the site still serves albums and downloads.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<BlobStoreHealthCheck>("blobs")
            .AddCheck<QueueHealthCheck>("queue");
        return services;
    }

    public static WebApplication MapRestoreWebHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health");
        health.MapGet("/live", Live);
        // Readiness with the reason for anything less than healthy, e.g. "No restoration model is installed": 503
        // when the database, the blob store or the queue is away, 200 (status Degraded) without a model.
        // /health/live checks nothing, so an orchestrator restarts a process only when it stops answering at all.
        var readiness = new HealthCheckOptions { ResponseWriter = WriteReportAsync };
        app.MapHealthChecks("/health/ready", readiness);
        app.MapHealthChecks("/health", readiness);
        return app;
    }

    private static IResult Live() => TypedResults.Ok(new { status = "alive" });

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
