using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RestoreWeb.Server.Storage;

/// <summary>Blobs in one Azure Blob Storage container: for several web and worker processes sharing storage.</summary>
public sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task PutAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        BlobNames.Validate(name);
        // A block blob upload commits its block list at the end, so the replacement is atomic for readers.
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await container.GetBlobClient(name).UploadAsync(content, options, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        try
        {
            var response = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new BlobNotFoundException(name);
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        return (await container.GetBlobClient(name).ExistsAsync(cancellationToken)).Value;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        return (await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
    }

    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var entry in ListAsync(prefix, cancellationToken))
        {
            names.Add(entry.Name);
        }
        int deleted = 0;
        foreach (var name in names)
        {
            if (await DeleteAsync(name, cancellationToken))
            {
                deleted++;
            }
        }
        return deleted;
    }

    public async IAsyncEnumerable<BlobEntry> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        // The service lists in lexicographic (ordinal) order of name already.
        var options = new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix };
        await foreach (var item in container.GetBlobsAsync(options, cancellationToken))
        {
            yield return new BlobEntry(item.Name, item.Properties.ContentLength ?? 0);
        }
    }
}
