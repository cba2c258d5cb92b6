using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RestoreWeb.Server.Health;

/// <summary>Hangfire's storage answers: without it uploads are stored but their restorations cannot be queued.</summary>
public sealed class QueueHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's storage API is synchronous.
            var statistics = await Task.Run(() => storage.GetMonitoringApi().GetStatistics(), cancellationToken);
            return HealthCheckResult.Healthy("The job queue's storage answers.", new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["enqueued"] = statistics.Enqueued,
                ["processing"] = statistics.Processing,
                ["workerServers"] = statistics.Servers,
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every storage (SQLite, PostgreSQL) throws its own exception types; any of them means the queue is away.
            return HealthCheckResult.Unhealthy($"The job queue's storage cannot be reached: {e.Message}", e);
        }
    }
}
