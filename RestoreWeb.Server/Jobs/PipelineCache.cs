using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RestoreWeb.Inference.Imaging;
using RestoreWeb.Inference.Onnx;
using RestoreWeb.Inference.Packages;
using RestoreWeb.Inference.Pipeline;
using RestoreWeb.Server.Data;
using RestoreWeb.Server.Storage;

namespace RestoreWeb.Server.Jobs;

/// <summary>A loaded model version, ready to restore photos.</summary>
public sealed record LoadedModel(RestorationPipeline Pipeline, bool CanRepairScratches);

/// <summary>
/// One restoration pipeline per model version for the life of the process: building ONNX Runtime sessions takes
/// seconds and hundreds of megabytes, while a session serves any number of photos. A load that fails is
/// forgotten, so the next job tries again.
/// </summary>
public sealed class PipelineCache(
    IBlobStore blobs,
    ExecutionProviderSelector providers,
    IOptions<ImagingOptions> imaging,
    IOptions<PlannerOptions> planner) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<LoadedModel>>> _models = new();

    public async Task<LoadedModel> GetAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var entry = _models.GetOrAdd(version.Id, _ => new Lazy<Task<LoadedModel>>(() => LoadAsync(version)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch when (entry.Value.IsFaulted)
        {
            _models.TryRemove(KeyValuePair.Create(version.Id, entry));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _models.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Pipeline.Dispose();
            }
        }
        _models.Clear();
    }

    private async Task<LoadedModel> LoadAsync(ModelVersion version)
    {
        string displayName = $"{version.Name} {version.Version}";
        await using var stream = await blobs.OpenReadAsync(version.BlobName);
        // Opening reads, hashes and checks every graph: CPU work, off the caller's thread.
        return await Task.Run(() =>
        {
            var package = ModelPackage.Open(stream, displayName);
            if (!string.Equals(package.Sha256, version.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelPackageException(ModelPackageProblem.HashMismatch,
                    $"The stored package of {displayName} has changed since it was registered (SHA-256 {package.Sha256}, registered {version.Sha256}).");
            }
            var pipeline = new RestorationPipeline(package, providers, imaging.Value, planner.Value);
            return new LoadedModel(pipeline, package.Has(GraphRole.ScratchEncode));
        });
    }
}
