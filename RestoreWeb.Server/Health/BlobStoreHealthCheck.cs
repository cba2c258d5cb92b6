using Microsoft.Extensions.Diagnostics.HealthChecks;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Health;

/// <summary>Writes, reads back and deletes a tiny blob: uploads and results need a store that takes writes, not one that merely answers.</summary>
public sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    private static readonly byte[] Probe = "ok"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string name = $"health/probe-{Guid.NewGuid():N}";
        try
        {
            using (var content = new MemoryStream(Probe, writable: false))
            {
                await blobs.PutAsync(name, content, "text/plain", cancellationToken);
            }
            await using (var stored = await blobs.OpenReadAsync(name, cancellationToken))
            {
                await stored.CopyToAsync(Stream.Null, cancellationToken);
            }
            await blobs.DeleteAsync(name, cancellationToken);
            return HealthCheckResult.Healthy("The blob store takes writes.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BlobNotFoundException or Azure.RequestFailedException)
        {
            return HealthCheckResult.Unhealthy($"The blob store cannot be written: {e.Message}", e);
        }
    }
}
