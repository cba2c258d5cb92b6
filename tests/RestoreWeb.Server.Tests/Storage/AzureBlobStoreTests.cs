using RestoreWeb.Server.Storage;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Storage;

public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreContract, IClassFixture<AzuriteFixture>
{
    // A fresh container per test, created by the store itself (EnsureReadyAsync).
    private readonly Azure.Storage.Blobs.BlobContainerClient _container =
        azurite.CreateServiceClient().GetBlobContainerClient($"contract-{Guid.NewGuid():N}");

    public override async Task DisposeAsync() => await _container.DeleteIfExistsAsync();

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new AzureBlobStore(_container));

    [Fact]
    public async Task Blobs_keep_their_content_type_in_the_container()
    {
        using (var content = new MemoryStream([1, 2]))
        {
            await Store.PutAsync("thumbnails/t.jpg", content, "image/jpeg");
        }

        var properties = await _container.GetBlobClient("thumbnails/t.jpg").GetPropertiesAsync();
        Assert.Equal("image/jpeg", properties.Value.ContentType);
    }
}
