using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Models;

/// <summary>A registered version with the aliases that point at it.</summary>
public sealed record RegisteredModel(ModelVersion Version, IReadOnlyList<string> Aliases);

/// <summary>
/// Which model versions exist and which one an alias ("production") points at. Jobs pin the version at creation,
/// so moving an alias affects only jobs created afterwards.
/// </summary>
public interface IModelRegistry
{
    /// <summary>The version <paramref name="alias"/> points at; null when the alias is not set.</summary>
    Task<ModelVersion?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a package (manifest, file hashes, graph signatures) and stores it. Registering the same archive
    /// again returns the existing version. An unusable package throws <see cref="Inference.Packages.ModelPackageException"/>.
    /// </summary>
    Task<ModelVersion> RegisterAsync(Stream package, string displayName, CancellationToken cancellationToken = default);

    Task SetAliasAsync(string alias, Guid versionId, CancellationToken cancellationToken = default);
}
