using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RestoreWeb.Server.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddRestoreWebHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication MapRestoreWebHealth(this WebApplication app)
    {
        var health = app.MapGroup("/health");
        health.MapGet("/live", Live);
        // Readiness with the reason for anything less than healthy, e.g. "No restoration model is installed".
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReportAsync });
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
