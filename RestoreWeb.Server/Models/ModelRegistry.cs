using Microsoft.EntityFrameworkCore;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Models;

public sealed class ModelRegistry(RestoreWebDbContext db, IBlobStore blobs, TimeProvider clock) : IModelRegistry
{
    public Task<ModelVersion?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default) =>
        db.ModelAliases.AsNoTracking()
            .Where(a => a.Name == alias)
            .Select(a => a.ModelVersion)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken = default)
    {
        var versions = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.RegisteredAt).ToListAsync(cancellationToken);
        var aliases = await db.ModelAliases.AsNoTracking().ToListAsync(cancellationToken);
        return [.. versions.Select(v => new RegisteredModel(v, [.. aliases.Where(a => a.ModelVersionId == v.Id).Select(a => a.Name).Order(StringComparer.Ordinal)]))];
    }

    public async Task<ModelVersion> RegisterAsync(Stream package, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        // The package is verified whole (graphs loaded in ONNX Runtime) before anything is stored.
        using var buffer = new MemoryStream();
        await package.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        var verified = await Task.Run(() => ModelPackage.Open(buffer, displayName), cancellationToken);

        var existing = await db.ModelVersions.FirstOrDefaultAsync(v => v.Sha256 == verified.Sha256, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        string blobName = BlobNames.ModelPackage(verified.Sha256);
        buffer.Position = 0;
        await blobs.PutAsync(blobName, buffer, "application/zip", cancellationToken);
        var version = new ModelVersion
        {
            Id = Guid.CreateVersion7(),
            Name = verified.Manifest.Name,
            Version = verified.Manifest.Version,
            Sha256 = verified.Sha256,
            SizeBytes = buffer.Length,
            BlobName = blobName,
            Status = ModelVersionStatus.Ready,
            RegisteredAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ModelVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process registered the same archive at the same moment; its row is as good as ours.
            db.ChangeTracker.Clear();
            return await db.ModelVersions.FirstAsync(v => v.Sha256 == verified.Sha256, cancellationToken);
        }
        return version;
    }

    public async Task SetAliasAsync(string alias, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (!await db.ModelVersions.AnyAsync(v => v.Id == versionId, cancellationToken))
        {
            throw new InvalidOperationException($"Model version {versionId} is not registered.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.ModelAliases.FirstOrDefaultAsync(a => a.Name == alias, cancellationToken);
        if (existing is null)
        {
            db.ModelAliases.Add(new ModelAlias { Name = alias, ModelVersionId = versionId, UpdatedAt = now });
        }
        else
        {
            existing.ModelVersionId = versionId;
            existing.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
