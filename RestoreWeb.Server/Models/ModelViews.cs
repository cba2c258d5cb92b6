using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Models;

/// <summary>Model versions and audit entries as the admin API shows them.</summary>
public sealed class ModelViews(RestoreWebDbContext db, IModelRegistry registry)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<AdminModelVersionDto>> ListAsync(CancellationToken cancellationToken)
    {
        var models = await registry.ListAsync(cancellationToken);
        var results = await ResultCountsAsync(cancellationToken);
        return [.. models.Select(m => ToDto(m.Version, m.Aliases, results.GetValueOrDefault(m.Version.Id)))];
    }

    public async Task<AdminModelVersionDto?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var version = await registry.FindAsync(id, cancellationToken);
        if (version is null)
        {
            return null;
        }
        var aliases = await db.ModelAliases.AsNoTracking().Where(a => a.ModelVersionId == id).Select(a => a.Name).ToListAsync(cancellationToken);
        int results = await db.Jobs.CountAsync(j => j.ModelVersionId == id && j.State == JobState.Succeeded, cancellationToken);
        return ToDto(version, [.. aliases.Order(StringComparer.Ordinal)], results);
    }

    public async Task<IReadOnlyList<AuditEntryDto>> AuditAsync(int take, CancellationToken cancellationToken)
    {
        var entries = await db.ModelAudit.AsNoTracking().OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
        return [.. entries.Select(ToDto)];
    }

    public static AuditEntryDto ToDto(ModelAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, new DateTimeOffset(entry.At, TimeSpan.Zero), entry.Actor, entry.Action, entry.Alias,
            entry.FromVersionId, entry.FromVersion, entry.ToVersionId, entry.ToVersion, entry.Comment);
    }

    public static AdminModelVersionDto ToDto(ModelVersion version, IReadOnlyList<string> aliases, int resultCount)
    {
        ArgumentNullException.ThrowIfNull(version);
        var metrics = version.ManifestMetricsJson is null
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize<Dictionary<string, double>>(version.ManifestMetricsJson, Json) ?? [];
        var validation = version.ValidationJson is null ? null : JsonSerializer.Deserialize<ValidationReportDto>(version.ValidationJson, Json);
        return new AdminModelVersionDto(version.Id, version.Name, version.Version, version.Sha256, version.SizeBytes, version.Status.ToString(),
            version.Source, version.Preset, version.RegisteredBy, new DateTimeOffset(version.RegisteredAt, TimeSpan.Zero), aliases, metrics,
            validation, resultCount);
    }

    private async Task<Dictionary<Guid, int>> ResultCountsAsync(CancellationToken cancellationToken) =>
        await db.Jobs.AsNoTracking()
            .Where(j => j.State == JobState.Succeeded && j.ModelVersionId != null)
            .GroupBy(j => j.ModelVersionId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
