using Microsoft.Extensions.Diagnostics.HealthChecks;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Models;

/// <summary>Degraded (the site works, restorations do not) while no production model is installed.</summary>
public sealed class ModelHealthCheck(IModelRegistry registry, DefaultModelStatus defaultModel) : IHealthCheck
{
    public const string NoModelInstalled = "No restoration model is installed; an administrator must add one.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var production = await registry.FindByAliasAsync(ModelAlias.Production, cancellationToken);
        if (production is null)
        {
            var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["installed"] = false };
            if (defaultModel.Problem is { } problem)
            {
                data["defaultPackage"] = problem;
            }
            return HealthCheckResult.Degraded(NoModelInstalled, data: data);
        }
        return HealthCheckResult.Healthy($"{production.Name} {production.Version}", new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["installed"] = true,
            ["name"] = production.Name,
            ["version"] = production.Version,
            ["sha256"] = production.Sha256,
        });
    }
}
