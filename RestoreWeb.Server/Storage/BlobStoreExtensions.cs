namespace RestoreWeb.Server.Storage;

public static class BlobStoreExtensions
{
    /// <summary>A whole blob in memory, for the small ones the pipeline and the registry read at once (photos, masks, packages, previews).</summary>
    public static async Task<byte[]> ReadAllBytesAsync(this IBlobStore blobs, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await using var stream = await blobs.OpenReadAsync(name, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
