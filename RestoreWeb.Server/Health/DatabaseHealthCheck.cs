using Microsoft.Extensions.Diagnostics.HealthChecks;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Health;

public sealed class DatabaseHealthCheck(RestoreWebDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The application database answers.")
            : HealthCheckResult.Unhealthy("The application database cannot be reached.");
}
