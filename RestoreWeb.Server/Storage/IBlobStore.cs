namespace RestoreWeb.Server.Storage;

/// <summary>A stored blob as a listing shows it.</summary>
public sealed record BlobEntry(string Name, long Length);

/// <summary>
/// Flat storage of immutable-by-convention files named like "results/{photo}/{job}.png" (see <see cref="BlobNames"/>).
/// Every provider behaves the same; the shared contract tests hold each to it.
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates the container or folder if it is missing; called once at start-up.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="name"/>, replacing any blob of that name in one step:
    /// a reader sees the old content or the new, never a mixture. That makes retried writes idempotent.
    /// </summary>
    /// <param name="contentType">Kept by providers that keep metadata (Azure serves it); the database remains the record of each blob's type.</param>
    Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The blob's content; <see cref="BlobNotFoundException"/> when there is none.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <returns>True when the blob existed.</returns>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <returns>How many blobs were deleted.</returns>
    Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose names start with <paramref name="prefix"/>, in ordinal order of name.</summary>
    IAsyncEnumerable<BlobEntry> ListAsync(string prefix, CancellationToken cancellationToken = default);
}

public sealed class BlobNotFoundException(string name)
    : Exception($"Blob '{name}' does not exist.")
{
    public string Name { get; } = name;
}
