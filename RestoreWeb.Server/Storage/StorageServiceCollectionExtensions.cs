using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using RestoreWeb.Server.Hosting;

namespace RestoreWeb.Server.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The blob store chosen by RestoreWeb:Storage:Provider (Local by default).</summary>
    public static IServiceCollection AddRestoreWebStorage(this IServiceCollection services)
    {
        services.AddSingleton<IBlobStore>(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<RestoreWebOptions>>().Value.Storage;
            return storage.Provider switch
            {
                BlobStorageProvider.Azure => new AzureBlobStore(
                    new BlobServiceClient(storage.AzureConnectionString).GetBlobContainerClient(storage.AzureContainer)),
                _ => new LocalBlobStore(provider.GetRequiredService<DataFolders>().Blobs),
            };
        });
        return services;
    }
}
