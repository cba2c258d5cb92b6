using RestoreWeb.Server.Data;

namespace RestoreWeb.Server.Models;

/// <summary>A registered version with the aliases that point at it.</summary>
public sealed record RegisteredModel(ModelVersion Version, IReadOnlyList<string> Aliases);

/// <summary>What registering a package did.</summary>
/// <param name="AlreadyRegistered">The same archive was registered before; nothing new was stored.</param>
public sealed record ModelRegistration(ModelVersion Version, bool AlreadyRegistered);

/// <summary>
/// Which model versions exist and which one an alias ("production") points at. Jobs pin the version at creation,
/// so moving an alias affects only jobs created afterwards.
/// </summary>
public interface IModelRegistry
{
    /// <summary>The version <paramref name="alias"/> points at; null when the alias is not set.</summary>
    Task<ModelVersion?> FindByAliasAsync(string alias, CancellationToken cancellationToken = default);

    Task<ModelVersion?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a package (manifest, file hashes, graph signatures, a known preset), stores it and runs the
    /// validation gate. The same archive again returns the existing version. An unusable package throws
    /// <see cref="Inference.Packages.ModelPackageException"/> and leaves nothing stored.
    /// </summary>
    Task<ModelRegistration> RegisterAsync(Stream package, string displayName, string registeredBy, CancellationToken cancellationToken = default);

    /// <summary>Runs the validation gate again on the stored package and records the report.</summary>
    Task<ModelVersion> ValidateAsync(Guid id, CancellationToken cancellationToken = default);
}
