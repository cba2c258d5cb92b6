using Azure.Storage.Blobs;
using RestoreWeb.Testing.Services;

namespace RestoreWeb.Server.Tests.Fixtures;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Creates_a_container_and_round_trips_listed_blobs()
    {
        var container = azurite.CreateServiceClient().GetBlobContainerClient($"fixture-{Guid.NewGuid():N}");
        await container.CreateAsync();

        byte[] payload = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))];
        await container.GetBlobClient("originals/a.bin").UploadAsync(new BinaryData(payload));
        await container.GetBlobClient("thumbnails/a.bin").UploadAsync(new BinaryData("thumb"u8.ToArray()));

        var downloaded = await container.GetBlobClient("originals/a.bin").DownloadContentAsync();
        Assert.Equal(payload, downloaded.Value.Content.ToArray());

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "originals/" }))
        {
            names.Add(item.Name);
        }
        Assert.Equal(["originals/a.bin"], names);
    }

    [Fact]
    public void Connection_string_points_at_the_fixtures_loopback_port()
    {
        var client = new BlobServiceClient(azurite.ConnectionString);
        Assert.Equal("127.0.0.1", client.Uri.Host);
        Assert.Equal(azurite.Port, client.Uri.Port);
    }
}
