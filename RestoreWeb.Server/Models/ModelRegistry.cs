using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RestoreWeb.Client.Contracts;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Hosting;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Models;

public sealed class ModelRegistry(
    RestoreWebDbContext db,
    IBlobStore blobs,
    ModelValidator validator,
    IOptions<RestoreWebOptions> options,
    TimeProvider clock) : IModelRegistry
{
    public Task<ModelVersion?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default) =>
        db.ModelAliases.AsNoTracking()
            .Where(a => a.Name == alias)
            .Select(a => a.ModelVersion)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ModelVersion?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken = default)
    {
        var versions = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.RegisteredAt).ToListAsync(cancellationToken);
        var aliases = await db.ModelAliases.AsNoTracking().ToListAsync(cancellationToken);
        return [.. versions.Select(v => new RegisteredModel(v, [.. aliases.Where(a => a.ModelVersionId == v.Id).Select(a => a.Name).Order(StringComparer.Ordinal)]))];
    }

    public async Task<ModelRegistration> RegisterAsync(Stream package, string displayName, string registeredBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        // The package is verified whole (hashes, graph signatures, preset) before anything is stored.
        using var buffer = new MemoryStream();
        await package.CopyToAsync(buffer, cancellationToken);
        byte[] archive = buffer.ToArray();
        var verified = await Task.Run(() => ModelPackage.Open(new MemoryStream(archive, writable: false), displayName), cancellationToken);
        string preset = verified.Manifest.Preset["name"]?.GetValue<string>() ?? "";
        var known = options.Value.Models.KnownPresets;
        if (!known.Contains(preset, StringComparer.OrdinalIgnoreCase))
        {
            throw new ModelPackageException(ModelPackageProblem.UnknownPreset,
                $"{displayName} was built with the preset '{preset}', which this server does not know (known: {string.Join(", ", known)}).");
        }

        var existing = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Sha256 == verified.Sha256, cancellationToken);
        if (existing is not null)
        {
            return new ModelRegistration(existing, AlreadyRegistered: true);
        }

        string blobName = BlobNames.ModelPackage(verified.Sha256);
        await blobs.PutAsync(blobName, new MemoryStream(archive, writable: false), "application/zip", cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var version = new ModelVersion
        {
            Id = Guid.CreateVersion7(),
            Name = verified.Manifest.Name,
            Version = verified.Manifest.Version,
            Sha256 = verified.Sha256,
            SizeBytes = archive.Length,
            BlobName = blobName,
            Status = ModelVersionStatus.Registered,
            RegisteredAt = now,
            Source = verified.Manifest.Source.ToString().ToLowerInvariant(),
            Preset = preset,
            RegisteredBy = registeredBy,
            ManifestMetricsJson = JsonSerializer.Serialize(verified.Manifest.Metrics),
        };
        db.ModelVersions.Add(version);
        db.ModelAudit.Add(ModelAudit.Entry(now, registeredBy, ModelAuditActions.Register, null, null, version, $"Registered from {displayName}."));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process registered the same archive at the same moment; its row is as good as ours.
            db.ChangeTracker.Clear();
            return new ModelRegistration(await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Sha256 == verified.Sha256, cancellationToken), AlreadyRegistered: true);
        }

        await RecordValidationAsync(version, archive, cancellationToken);
        return new ModelRegistration(version, AlreadyRegistered: false);
    }

    public async Task<ModelVersion> ValidateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new ModelAdministrationException(StatusCodes.Status404NotFound, "This model version does not exist.");
        byte[] archive = await blobs.ReadAllBytesAsync(version.BlobName, cancellationToken);
        await RecordValidationAsync(version, archive, cancellationToken);
        return version;
    }

    private async Task RecordValidationAsync(ModelVersion version, byte[] archive, CancellationToken cancellationToken)
    {
        string displayName = $"{version.Name} {version.Version}";
        var report = await Task.Run(() => validator.Validate(archive, displayName, cancellationToken), cancellationToken);
        bool hashMatches = string.Equals(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(archive)), version.Sha256, StringComparison.Ordinal);
        if (!hashMatches)
        {
            report = report with
            {
                Passed = false,
                Checks = [.. report.Checks, new ValidationCheckDto(ModelValidator.PackageCheck, false, $"The stored archive no longer has the registered SHA-256 {version.Sha256}.", 0)],
            };
        }
        version.ValidationJson = JsonSerializer.Serialize(report, ModelViews.Json);
        if (version.Status != ModelVersionStatus.Archived)
        {
            version.Status = !hashMatches ? ModelVersionStatus.Broken : report.Passed ? ModelVersionStatus.Validated : ModelVersionStatus.Failed;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
